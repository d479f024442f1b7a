package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An EQL rule's query must yield events: pipes that make summaries are refused on every write. */
class RuleFactoryEqlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode rule(String query) throws Exception {
        ObjectNode rule = (ObjectNode) JSON.readTree("""
                {"name":"n","description":"d","risk_score":1,"severity":"high","type":"eql","language":"eql"}""");
        return rule.put("query", query);
    }

    @Test
    void pipesThatYieldNoEventsAreRefusedNamingThePipe() throws Exception {
        ApiException count = assertThrows(ApiException.class, () -> RuleFactory.create(
                rule("process where true | count process.name"), UUID.randomUUID(), "elastic", Instant.now()));
        assertEquals(400, count.status());
        assertEquals("[request body]: query: Invalid EQL query: line 1:22: pipe [count] yields no events and cannot "
                + "be used in a rule: expected head, tail, filter, unique or sort", count.getMessage());

        ObjectNode created = RuleFactory.create(rule("process where true | unique process.name | sort user.name"),
                UUID.randomUUID(), "elastic", Instant.now());
        ApiException replaced = assertThrows(ApiException.class, () -> RuleFactory.replace(created,
                rule("process where true | unique_count process.name"), "elastic", Instant.now()));
        assertEquals(400, replaced.status());
        ApiException patched = assertThrows(ApiException.class, () -> RuleFactory.patch(created,
                JSON.readTree("{\"query\":\"any where true | unique_count a\"}"), "elastic", Instant.now()));
        assertEquals(400, patched.status());
        assertEquals("any where true | head 3", RuleFactory.patch(created,
                JSON.readTree("{\"query\":\"any where true | head 3\"}"), "elastic", Instant.now()).path("query").asText());
    }
}
