package io.opendetection.rules.bulk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RuleEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode rule(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static List<JsonNode> edits(String json) throws Exception {
        List<JsonNode> edits = new java.util.ArrayList<>();
        JSON.readTree(json).forEach(edits::add);
        return edits;
    }

    @Test
    void tagsAreASetKeepingTheExistingOrder() throws Exception {
        ObjectNode edited = RuleEdits.apply(rule("{\"tags\":[\"b\",\"a\"]}"),
                edits("[{\"type\":\"add_tags\",\"value\":[\"c\",\"a\"]},{\"type\":\"delete_tags\",\"value\":[\"b\"]}]"));
        assertEquals("[\"a\",\"c\"]", edited.get("tags").toString());
    }

    @Test
    void aScheduleBecomesIntervalAndLookBack() throws Exception {
        ObjectNode edited = RuleEdits.apply(rule("{\"interval\":\"5m\",\"from\":\"now-6m\"}"),
                edits("[{\"type\":\"set_schedule\",\"value\":{\"interval\":\"1h\",\"lookback\":\"5m\"}}]"));
        assertEquals("1h", edited.get("interval").asText());
        assertEquals("now-3900s", edited.get("from").asText());
    }

    @Test
    void aDataViewRuleKeepsItsDataViewUnlessOverwritten() throws Exception {
        ObjectNode rule = rule("{\"type\":\"query\",\"data_view_id\":\"dv\"}");
        assertEquals(rule, RuleEdits.apply(rule, edits("[{\"type\":\"add_index_patterns\",\"value\":[\"x-*\"]}]")));
        ObjectNode overwritten = RuleEdits.apply(rule,
                edits("[{\"type\":\"add_index_patterns\",\"value\":[\"x-*\"],\"overwrite_data_views\":true}]"));
        assertFalse(overwritten.has("data_view_id"));
        assertEquals("[\"x-*\"]", overwritten.get("index").toString());
    }

    @Test
    void emptyIndexPatternsAndEsqlRulesFail() throws Exception {
        assertEquals("Mutated params invalid: Index patterns can't be empty", assertThrows(RuleEdits.EditFailure.class,
                () -> RuleEdits.apply(rule("{\"type\":\"query\",\"index\":[\"a\"]}"),
                        edits("[{\"type\":\"delete_index_patterns\",\"value\":[\"a\"]}]"))).getMessage());
        RuleEdits.EditFailure esql = assertThrows(RuleEdits.EditFailure.class, () -> RuleEdits.apply(
                rule("{\"type\":\"esql\"}"), edits("[{\"type\":\"set_index_patterns\",\"value\":[\"a\"]}]")));
        assertEquals("Index patterns can't be overwritten. ES|QL rule doesn't have index patterns property", esql.getMessage());
        assertEquals("ESQL_INDEX_PATTERN", esql.errCode());
    }

    @Test
    void actionsGetAUuidAndAFrequency() throws Exception {
        ObjectNode edited = RuleEdits.apply(rule("{\"actions\":[]}"), edits(
                "[{\"type\":\"add_rule_actions\",\"value\":{\"actions\":[{\"id\":\"c\",\"params\":{}}],\"throttle\":\"1h\"}}]"));
        JsonNode action = edited.at("/actions/0");
        assertEquals("default", action.get("group").asText());
        assertEquals("{\"summary\":true,\"throttle\":\"1h\",\"notifyWhen\":\"onThrottleInterval\"}", action.get("frequency").toString());
        assertEquals(36, action.get("uuid").asText().length());
    }

    @Test
    void suppressionEditsKnowThresholdRules() throws Exception {
        assertThrows(RuleEdits.EditFailure.class, () -> RuleEdits.apply(rule("{\"type\":\"threshold\"}"),
                edits("[{\"type\":\"set_alert_suppression\",\"value\":{\"group_by\":[\"host.name\"]}}]")));
        ObjectNode edited = RuleEdits.apply(rule("{\"type\":\"threshold\",\"alert_suppression\":{}}"),
                edits("[{\"type\":\"delete_alert_suppression\"}]"));
        assertFalse(edited.has("alert_suppression"));
    }
}
