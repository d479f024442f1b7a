package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.AlertChange.FieldChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = "2026-11-30T03:00:00.000Z";

    @Test
    void aStatusChangeSetsWhenAndByNobodyAndRecordsOnlyWhatDiffers() {
        AlertEdit.Edit edit = new StatusEdit("acknowledged", null, NOW)
                .edit(parse("{\"kibana.alert.workflow_status\":\"open\"}"));
        assertEquals(parse("{\"kibana.alert.workflow_status\":\"acknowledged\","
                + "\"kibana.alert.workflow_status_updated_at\":\"" + NOW + "\",\"kibana.alert.workflow_user\":null}"),
                edit.document());
        assertEquals(List.of("kibana.alert.workflow_status", "kibana.alert.workflow_status_updated_at"),
                edit.changes().stream().map(FieldChange::field).toList());
        assertEquals("open", edit.changes().get(0).from().asText());
    }

    @Test
    void theSameStatusIsNoChangeButANewClosingReasonIs() {
        assertNull(new StatusEdit("open", null, NOW).edit(parse("{\"kibana.alert.workflow_status\":\"open\"}")));
        AlertEdit.Edit reason = new StatusEdit("closed", "duplicate", NOW).edit(parse(
                "{\"kibana.alert.workflow_status\":\"closed\",\"kibana.alert.workflow_reason\":\"other\"}"));
        assertEquals(parse("{\"kibana.alert.workflow_reason\":\"duplicate\"}"), reason.document());
    }

    @Test
    void reopeningClearsTheClosingReason() {
        AlertEdit.Edit edit = new StatusEdit("open", null, NOW).edit(parse(
                "{\"kibana.alert.workflow_status\":\"closed\",\"kibana.alert.workflow_reason\":\"duplicate\"}"));
        assertTrue(edit.document().get("kibana.alert.workflow_reason").isNull());
    }

    @Test
    void nestedSourcesAreReadToo() {
        assertNull(new StatusEdit("open", null, NOW)
                .edit(parse("{\"kibana\":{\"alert\":{\"workflow_status\":\"open\"}}}")));
    }

    @Test
    void valuesAreAddedOnceInOrderAndRemoved() {
        ValuesEdit edit = ValuesEdit.assignees(List.of("user-3", "user-1"), List.of("user-2"));
        AlertEdit.Edit change = edit.edit(parse("{\"kibana.alert.workflow_assignee_ids\":[\"user-1\",\"user-2\"]}"));
        assertEquals(parse("{\"kibana.alert.workflow_assignee_ids\":[\"user-1\",\"user-3\"]}"), change.document());
        assertEquals(parse("[\"user-1\",\"user-2\"]"), change.changes().get(0).from());
    }

    @Test
    void addingWhatIsThereOrRemovingWhatIsNotChangesNothing() {
        JsonNode tagged = parse("{\"kibana.alert.workflow_tags\":[\"tag-1\"]}");
        assertNull(ValuesEdit.tags(List.of("tag-1"), List.of()).edit(tagged));
        assertNull(ValuesEdit.tags(List.of(), List.of("tag-2")).edit(tagged));
        assertNull(ValuesEdit.tags(List.of(), List.of("tag-2")).edit(parse("{}")));
        assertEquals(parse("{\"kibana.alert.workflow_tags\":[\"a\"]}"),
                ValuesEdit.tags(List.of("a"), List.of()).edit(parse("{}")).document());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void anEditIsMergedIntoTheAlertAsElasticsearchMergesAPartialUpdate() {
        JsonNode source = parse("{\"host.name\":\"h\",\"kibana.alert.workflow_status\":\"closed\","
                + "\"kibana.alert.workflow_reason\":\"duplicate\",\"kibana\":{\"alert\":{\"severity\":\"high\"}}}");
        AlertEdit.Edit edit = new StatusEdit("open", null, NOW).edit(source);
        ObjectNode merged = AlertFields.merge(
                (ObjectNode) source, edit.document());
        assertEquals(parse("{\"host.name\":\"h\",\"kibana.alert.workflow_status\":\"open\","
                + "\"kibana.alert.workflow_reason\":null,\"kibana\":{\"alert\":{\"severity\":\"high\"}},"
                + "\"kibana.alert.workflow_status_updated_at\":\"" + NOW + "\",\"kibana.alert.workflow_user\":null}"),
                merged);
        // what the edit recorded as before is untouched by the merge
        assertEquals("closed", edit.changes().get(0).from().asText());
    }

    @Test
    void objectsAreMergedKeyByKeyWithoutChangingTheOriginalObject() {
        ObjectNode source = (ObjectNode)
                parse("{\"kibana\":{\"alert\":{\"severity\":\"high\",\"workflow_status\":\"open\"}},\"tags\":[\"a\"]}");
        JsonNode nested = source.get("kibana");
        JsonNode merged = AlertFields.merge(source, (ObjectNode)
                parse("{\"kibana\":{\"alert\":{\"workflow_status\":\"closed\"}},\"tags\":[\"b\"]}"));
        assertEquals(parse("{\"kibana\":{\"alert\":{\"severity\":\"high\",\"workflow_status\":\"closed\"}},"
                + "\"tags\":[\"b\"]}"), merged);
        assertEquals("open", nested.at("/alert/workflow_status").asText());
    }
}
