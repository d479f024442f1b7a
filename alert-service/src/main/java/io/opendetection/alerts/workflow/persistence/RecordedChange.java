package io.opendetection.alerts.workflow.persistence;

import io.opendetection.contracts.events.AlertChange.FieldChange;
import io.opendetection.contracts.events.EventTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One request's change to one alert, as the audit keeps it.
 *
 * @param index       the concrete index the alert was read from
 * @param seqNo       the alert's {@code _seq_no} when read; the write was conditional on it
 * @param action      {@code status}, {@code tags} or {@code assignees}
 */
public record RecordedChange(UUID requestId, String space, String alertId, String index, long seqNo,
                             long primaryTerm, String action, String user, List<FieldChange> changes,
                             Instant changedAt) {

    public String eventType() {
        return switch (action) {
            case "status" -> EventTypes.ALERT_STATUS_CHANGED;
            case "tags" -> EventTypes.ALERT_TAGS_CHANGED;
            case "assignees" -> EventTypes.ALERT_ASSIGNEES_CHANGED;
            default -> throw new IllegalStateException("unknown alert change " + action);
        };
    }
}
