package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opendetection.contracts.events.AlertChange.FieldChange;
import io.opendetection.contracts.events.EventTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.opendetection.alerts.workflow.service.AlertFields.WORKFLOW_REASON;
import static io.opendetection.alerts.workflow.service.AlertFields.WORKFLOW_STATUS;
import static io.opendetection.alerts.workflow.service.AlertFields.WORKFLOW_STATUS_UPDATED_AT;
import static io.opendetection.alerts.workflow.service.AlertFields.WORKFLOW_USER;

/**
 * Sets an alert's workflow status as Kibana does: when the status changes, also when it changed
 * and by whom ({@code workflow_user} is the user's profile uid; our users have no profile, so it
 * is null, as Kibana writes for such users); a close may carry a reason, and reopening clears it.
 *
 * @param reason    the closing reason, only with {@code closed}; null for none
 * @param updatedAt the request's time, as Kibana writes times
 */
public record StatusEdit(String status, String reason, String updatedAt) implements AlertEdit {
    public static final String CLOSED = "closed";
    public static final List<String> STATUSES = List.of("open", CLOSED, "acknowledged", "in-progress");

    @Override
    public String action() {
        return "status";
    }

    @Override
    public String eventType() {
        return EventTypes.ALERT_STATUS_CHANGED;
    }

    @Override
    public Edit edit(JsonNode source) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        List<FieldChange> changes = new ArrayList<>();
        JsonNode current = AlertFields.value(source, WORKFLOW_STATUS);
        JsonNode currentReason = AlertFields.value(source, WORKFLOW_REASON);
        boolean statusChanges = current == null || !status.equals(current.asText());
        if (statusChanges) {
            set(document, changes, WORKFLOW_STATUS, current, TextNode.valueOf(status));
            set(document, changes, WORKFLOW_STATUS_UPDATED_AT, AlertFields.value(source, WORKFLOW_STATUS_UPDATED_AT),
                    TextNode.valueOf(updatedAt));
            set(document, changes, WORKFLOW_USER, AlertFields.value(source, WORKFLOW_USER), null);
        }
        if (CLOSED.equals(status) && reason != null) {
            set(document, changes, WORKFLOW_REASON, currentReason, TextNode.valueOf(reason));
        } else if (statusChanges && !CLOSED.equals(status) && currentReason != null) {
            set(document, changes, WORKFLOW_REASON, currentReason, null);
        }
        return changes.isEmpty() ? null : new Edit(document, changes);
    }

    /** Writes the field; records it only where the value differs (an absent field reads as null). */
    private static void set(ObjectNode document, List<FieldChange> changes, String field, JsonNode from, JsonNode to) {
        document.set(field, to == null ? JsonNodeFactory.instance.nullNode() : to);
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }
}
