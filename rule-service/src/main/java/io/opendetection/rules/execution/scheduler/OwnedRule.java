package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A rule this replica runs, because it owns the rule's partition of detection.rules.v1: its
 * current version and where its schedule stands. {@code previousStartedAt} and
 * {@code nextRunAt} are unknown until {@code stateLoaded}.
 */
public final class OwnedRule {
    final UUID id;
    final int partition;
    volatile String space;
    volatile JsonNode rule;
    volatile boolean stateLoaded;
    volatile boolean loading;
    volatile Instant previousStartedAt;
    volatile Instant nextRunAt;
    volatile boolean running;

    OwnedRule(UUID id, int partition, String space, JsonNode rule) {
        this.id = id;
        this.partition = partition;
        this.space = space;
        this.rule = rule;
    }

    public UUID id() {
        return id;
    }

    public String space() {
        return space;
    }

    public JsonNode rule() {
        return rule;
    }

    boolean enabled() {
        return rule.path("enabled").asBoolean(false);
    }

    /** The rule's interval, never shorter than the configured minimum; null when it does not parse. */
    Duration interval(Duration minimum) {
        return Intervals.parse(rule.path("interval").asText())
                .map(interval -> interval.compareTo(minimum) < 0 ? minimum : interval)
                .orElse(minimum);
    }
}
