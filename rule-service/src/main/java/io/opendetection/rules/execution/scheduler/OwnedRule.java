package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A rule this replica runs, because it owns the rule's partition of detection.rules.v1: its
 * current version and where its schedule stands. {@code previousStartedAt} and
 * {@code nextRunAt} are unknown until {@code stateLoaded} (only ever false for an enabled rule).
 *
 * <p>Only an enabled rule keeps its document: a replica owns every rule of its partitions, most of
 * them disabled (an imported prebuilt library), and holding each parsed 7.5 KB document filled the
 * heap (10,000 rules: about 230 MB live, back-to-back full collections pausing every request).
 * A disabled rule's document is read from PostgreSQL on the rare occasion it runs (a backfill).
 */
public final class OwnedRule {
    final UUID id;
    final int partition;
    volatile String space;
    /** The rule's document while it is enabled; null while it is disabled. */
    volatile JsonNode rule;
    private volatile boolean enabled;
    private volatile String interval;
    volatile boolean stateLoaded;
    volatile boolean loading;
    volatile Instant previousStartedAt;
    volatile Instant nextRunAt;
    volatile boolean running;

    OwnedRule(UUID id, int partition, String space, JsonNode rule) {
        this.id = id;
        this.partition = partition;
        update(space, rule);
        // A rule first seen disabled has no schedule worth reading back: enabled later, it runs at
        // once and without gap, as any re-enabled rule does.
        this.stateLoaded = !enabled;
    }

    /** Takes the rule's new version; answers whether it was disabled and is enabled now. */
    boolean update(String space, JsonNode rule) {
        boolean wasEnabled = enabled;
        boolean nowEnabled = rule.path("enabled").asBoolean(false);
        this.space = space;
        this.interval = rule.path("interval").asText();
        this.rule = nowEnabled ? rule : null;
        this.enabled = nowEnabled;
        return !wasEnabled && nowEnabled;
    }

    public UUID id() {
        return id;
    }

    public String space() {
        return space;
    }

    /** The document while the rule is enabled; null while it is disabled. */
    public JsonNode rule() {
        return rule;
    }

    boolean enabled() {
        return enabled;
    }

    /** The rule's interval, never shorter than the configured minimum; null when it does not parse. */
    Duration interval(Duration minimum) {
        return Intervals.parse(interval)
                .map(parsed -> parsed.compareTo(minimum) < 0 ? minimum : parsed)
                .orElse(minimum);
    }
}
