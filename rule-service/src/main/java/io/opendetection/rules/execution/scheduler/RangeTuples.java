package io.opendetection.rules.execution.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows one execution queries (ENGINE.md §1, Kibana's {@code getRuleRangeTuples}): the
 * rule's own {@code [from, to]}, preceded by up to four catch-up windows each shifted back by one
 * more interval when the previous execution started too long ago, and what even those leave
 * uncovered.
 */
public final class RangeTuples {
    /** Kibana's MAX_RULE_GAP_RATIO. */
    public static final int MAX_CATCHUP_INTERVALS = 4;

    /** One window to query: {@code from} and {@code to} inclusive, as Kibana's range filter is. */
    public record Window(Instant from, Instant to) {
    }

    /**
     * @param windows      oldest first, the way they run
     * @param remainingGap what no window covers (zero when none), just before the oldest window
     */
    public record Plan(List<Window> windows, Duration remainingGap) {
        public Window oldest() {
            return windows.get(0);
        }

        public Window newest() {
            return windows.get(windows.size() - 1);
        }
    }

    private RangeTuples() {
    }

    /**
     * @param previousStartedAt when the previous completed execution started, null on the first run
     */
    public static Plan plan(Instant from, Instant to, Duration interval, Instant startedAt, Instant previousStartedAt) {
        List<Window> windows = new ArrayList<>();
        windows.add(new Window(from, to));
        long gap = previousStartedAt == null ? 0
                : Duration.between(previousStartedAt, startedAt).toMillis() - Duration.between(from, to).toMillis();
        long intervalMs = interval.toMillis();
        int catchup = gap <= 0 || intervalMs <= 0 ? 0
                : (int) Math.min((gap + intervalMs - 1) / intervalMs, MAX_CATCHUP_INTERVALS);
        for (int k = 1; k <= catchup; k++) {
            Duration shift = interval.multipliedBy(k);
            windows.add(new Window(from.minus(shift), to.minus(shift)));
        }
        java.util.Collections.reverse(windows);
        return new Plan(List.copyOf(windows), Duration.ofMillis(Math.max(gap - catchup * intervalMs, 0)));
    }

    /** Kibana's message for a gap that catch-up did not cover. */
    public static String gapMessage(Duration remainingGap) {
        return humanize(remainingGap) + " (" + remainingGap.toMillis() + "ms) were not queried between this rule"
                + " execution and the last execution, so signals may have been missed. Consider increasing your"
                + " look behind time or adding more Kibana instances";
    }

    /** moment.js's {@code duration.humanize()} with its default thresholds, as Kibana words the gap. */
    static String humanize(Duration duration) {
        double ms = Math.abs(duration.toMillis());
        long seconds = Math.round(ms / 1000);
        long minutes = Math.round(ms / 60_000);
        long hours = Math.round(ms / 3_600_000);
        long days = Math.round(ms / 86_400_000);
        long months = Math.round(ms / 86_400_000 * 4800 / 146097);
        long years = Math.round(ms / 86_400_000 * 400 / 146097);
        if (seconds <= 44) {
            return "a few seconds";
        } else if (minutes <= 1) {
            return "a minute";
        } else if (minutes < 45) {
            return minutes + " minutes";
        } else if (hours <= 1) {
            return "an hour";
        } else if (hours < 22) {
            return hours + " hours";
        } else if (days <= 1) {
            return "a day";
        } else if (days < 26) {
            return days + " days";
        } else if (months <= 1) {
            return "a month";
        } else if (months < 11) {
            return months + " months";
        } else if (years <= 1) {
            return "a year";
        }
        return years + " years";
    }
}
