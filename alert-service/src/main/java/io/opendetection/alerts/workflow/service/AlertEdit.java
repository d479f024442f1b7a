package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.AlertChange.FieldChange;

import java.util.List;

/**
 * What one request does to each alert it selects (a status, tags, assignees), as a pure function
 * of the alert's current fields, so the same request applied twice changes nothing the second time.
 */
public interface AlertEdit {

    /** The change of one alert: the partial document to write and the changes to record. */
    record Edit(ObjectNode document, List<FieldChange> changes) {
    }

    /** {@code status}, {@code tags} or {@code assignees}: what the audit calls it. */
    String action();

    /** The {@code ce_type} of the change's event. */
    String eventType();

    /** The change of an alert whose {@code _source} is given; null when it has nothing to change. */
    Edit edit(JsonNode source);
}
