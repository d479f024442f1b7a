package io.opendetection.rules.execution.manual;

import io.opendetection.rules.execution.scheduler.RangeTuples.Window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A range of a rule to run outside its schedule: a manual run, or the refill of a gap.
 *
 * @param gapId the gap it refills, or null for a manual run
 */
public record Backfill(UUID id, UUID ruleId, String space, Instant start, Instant end, String kind, UUID gapId) {
    public static final String MANUAL = "manual";
    public static final String GAP_FILL = "gap_fill";

    /** The range as consecutive windows of the rule's interval, oldest first, as Kibana's backfill splits it. */
    public List<Window> windows(Duration interval) {
        List<Window> windows = new ArrayList<>();
        Instant from = start;
        while (from.isBefore(end)) {
            Instant to = from.plus(interval).isAfter(end) ? end : from.plus(interval);
            windows.add(new Window(from, to));
            from = to;
        }
        if (windows.isEmpty()) {
            windows.add(new Window(start, end));
        }
        return windows;
    }
}
