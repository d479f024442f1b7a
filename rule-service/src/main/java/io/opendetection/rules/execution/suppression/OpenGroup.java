package io.opendetection.rules.execution.suppression;

import java.time.Instant;

/**
 * A suppression group with an alert that later candidates may still be merged into: the newest
 * alert of the group, what it counts so far, and until when the group stays open.
 *
 * @param instanceId  {@code kibana.alert.instance.id}
 * @param alertId     the group's alert
 * @param start       {@code kibana.alert.suppression.start}: the group's oldest event
 * @param end         {@code kibana.alert.suppression.end}: its newest
 * @param docsCount   {@code kibana.alert.suppression.docs_count}: the events suppressed into the alert
 * @param executionId the execution that created the alert
 * @param openUntil   after this, the group is closed and a new candidate creates a new alert
 */
public record OpenGroup(String instanceId, String alertId, Instant start, Instant end, long docsCount,
                        String executionId, Instant openUntil) {
}
