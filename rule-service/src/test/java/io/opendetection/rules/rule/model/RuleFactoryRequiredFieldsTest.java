package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BEHAVIOURS 6, 35: required fields as every write stores them. */
class RuleFactoryRequiredFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode rule(String requiredFields) throws Exception {
        ObjectNode rule = (ObjectNode) JSON.readTree("""
                {"name":"n","description":"d","risk_score":1,"severity":"high","type":"query","query":"*:*"}""");
        if (requiredFields != null) {
            rule.set("required_fields", JSON.readTree(requiredFields));
        }
        return rule;
    }

    @Test
    void createAndPutComputeEcs() throws Exception {
        ObjectNode created = RuleFactory.create(rule("[{\"name\":\"@timestamp\",\"type\":\"date\"}]"), UUID.randomUUID(),
                "elastic", Instant.now());
        assertEquals(JSON.readTree("[{\"name\":\"@timestamp\",\"type\":\"date\",\"ecs\":true}]"), created.get("required_fields"));
        ObjectNode replaced = RuleFactory.replace(created, rule("[{\"name\":\"host.name\",\"type\":\"long\"}]"),
                "elastic", Instant.now());
        assertEquals(JSON.readTree("[{\"name\":\"host.name\",\"type\":\"long\",\"ecs\":false}]"), replaced.get("required_fields"));
        assertEquals(JSON.createArrayNode(), RuleFactory.replace(created, rule(null), "elastic", Instant.now())
                .get("required_fields"));
    }

    @Test
    void aPatchWithoutRequiredFieldsKeepsThemWithEcs() throws Exception {
        ObjectNode created = RuleFactory.create(rule("[{\"name\":\"host.name\",\"type\":\"keyword\"}]"),
                UUID.randomUUID(), "elastic", Instant.now());
        ObjectNode patched = RuleFactory.patch(created, JSON.readTree("{\"name\":\"x\"}"), "elastic", Instant.now());
        assertEquals(created.get("required_fields"), patched.get("required_fields"));
    }

    @Test
    void aRequiredFieldNeedsANameAndAType() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> RuleFactory.create(
                rule("[{\"name\":\"host.name\"}]"), UUID.randomUUID(), "elastic", Instant.now()));
        assertEquals(400, refused.status());
        assertEquals("[request body]: required_fields.0.type: Required", refused.getMessage());
    }
}
