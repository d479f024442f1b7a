package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import io.opendetection.contracts.errors.SiemError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The entries Kibana allows in an endpoint list's items, and its words for those it does not. */
class EndpointEntryRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode entries(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object messageOf(String json) {
        ApiException problem = EndpointEntryRules.problem(entries(json));
        assertEquals(400, problem.status());
        return ((SiemError) problem.body()).message();
    }

    @Test
    void matchMatchAnyWildcardAndNestedMatchesAreAllowed() {
        assertNull(EndpointEntryRules.problem(entries("""
                [{"field":"process.name","operator":"included","type":"match","value":"updater.exe"},
                 {"field":"host.name","operator":"included","type":"match_any","value":["a","b"]},
                 {"field":"file.path","operator":"included","type":"wildcard","value":"C:\\\\tools\\\\*"},
                 {"entries":[{"field":"name","operator":"included","type":"match","value":"x"},
                             {"field":"trusted","operator":"included","type":"match_any","value":["true"]}],
                  "field":"file.signature","type":"nested"}]""")));
    }

    @Test
    void existsAndListEntriesAreRefusedAsKibanaWordsIt() {
        List<String> expected = List.of("Invalid value \"exists\" supplied to \"type\"",
                "Invalid value \"undefined\" supplied to \"value\"", "Invalid value \"undefined\" supplied to \"entries\"");

        assertEquals(expected, messageOf("[{\"field\":\"host.name\",\"operator\":\"included\",\"type\":\"exists\"}]"));
        assertEquals(List.of("Invalid value \"list\" supplied to \"type\"",
                        "Invalid value \"undefined\" supplied to \"value\"",
                        "Invalid value \"undefined\" supplied to \"entries\""),
                messageOf("""
                        [{"field":"source.ip","list":{"id":"ips","type":"ip"},"operator":"included","type":"list"}]"""));
    }

    @Test
    void onlyTheIncludedOperator() {
        assertEquals(List.of("Invalid value \"excluded\" supplied to \"operator\"",
                        "Invalid value \"match\" supplied to \"type\"", "Invalid value \"x\" supplied to \"value\"",
                        "Invalid value \"undefined\" supplied to \"entries\""),
                messageOf("[{\"field\":\"a\",\"operator\":\"excluded\",\"type\":\"match\",\"value\":\"x\"}]"));
    }

    @Test
    void aNestedEntryHoldsMatchesOnly() {
        assertEquals(List.of("Invalid value \"undefined\" supplied to \"operator\"",
                        "Invalid value \"nested\" supplied to \"type\"", "Invalid value \"undefined\" supplied to \"value\"",
                        "Invalid value \"exists\" supplied to \"entries,type\"",
                        "Invalid value \"undefined\" supplied to \"entries,value\""),
                messageOf("""
                        [{"entries":[{"field":"name","operator":"included","type":"exists"}],"field":"parent","type":"nested"}]"""));
    }

    @Test
    void noEntriesAtAll() {
        assertEquals(List.of("Invalid value \"[]\" supplied to \"NonEmptyEndpointEntriesArray\""), messageOf("[]"));
    }

    @Test
    void fieldsTheEndpointManagesAreRefusedByName() {
        ApiException problem = EndpointEntryRules.problem(entries("""
                [{"field":"host.name","operator":"included","type":"match","value":"a"},
                 {"field":"process.entity_id","operator":"included","type":"match","value":"b"}]"""));

        assertEquals(new SiemError("cannot add endpoint exception item on field process.entity_id", 400), problem.body());
    }
}
