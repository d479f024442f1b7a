package io.opendetection.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Value of a {@link Topics#ALERTS} record, keyed by the alert's id. For
 * {@link EventTypes#ALERT_CREATED} {@code document} is the whole alert ({@code _source} in
 * Kibana's shape, ENGINE.md); for {@link EventTypes#ALERT_SUPPRESSION_UPDATED} it holds only the
 * fields to set on the existing alert ({@code kibana.alert.suppression.docs_count},
 * {@code kibana.alert.suppression.end}, {@code kibana.alert.last_detected}).
 */
public record AlertEvent(String space, String id, JsonNode document) {
}
