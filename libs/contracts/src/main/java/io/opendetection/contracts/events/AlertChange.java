package io.opendetection.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Value of a {@link Topics#ALERT_CHANGES} record, keyed by the alert's id: one request's change to
 * one alert, told apart by {@code ce_type} ({@link EventTypes#ALERT_STATUS_CHANGED},
 * {@link EventTypes#ALERT_TAGS_CHANGED}, {@link EventTypes#ALERT_ASSIGNEES_CHANGED}).
 *
 * @param requestId the request that made the change; one request changes many alerts
 * @param user      who made it (the caller's user name)
 * @param changedAt when, as Kibana writes times
 * @param changes   each field that changed, with its value before and after
 */
public record AlertChange(String space, @JsonProperty("alert_id") String alertId,
                          @JsonProperty("request_id") String requestId, String user,
                          @JsonProperty("changed_at") String changedAt, List<FieldChange> changes) {

    /** One field of the alert ({@code kibana.alert.workflow_status}, …): null where it had or has no value. */
    public record FieldChange(String field, JsonNode from, JsonNode to) {
    }
}
