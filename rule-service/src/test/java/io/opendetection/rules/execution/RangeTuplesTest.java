package io.opendetection.rules.execution;

import io.opendetection.rules.execution.scheduler.DateMath;
import io.opendetection.rules.execution.scheduler.Intervals;
import io.opendetection.rules.execution.scheduler.RangeTuples;
import io.opendetection.rules.execution.scheduler.RangeTuples.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ENGINE.md §1 and its test vectors (§16.1). */
class RangeTuplesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static Plan plan(Duration sincePrevious) {
        Instant from = DateMath.parse("now-6m", NOW).orElseThrow();
        Instant to = DateMath.parse("now", NOW).orElseThrow();
        return RangeTuples.plan(from, to, FIVE_MINUTES, NOW, sincePrevious == null ? null : NOW.minus(sincePrevious));
    }

    @Test
    void theFirstRunHasOneWindowAndNoGap() {
        Plan plan = plan(null);
        assertEquals(1, plan.windows().size());
        assertEquals(Duration.ZERO, plan.remainingGap());
        assertEquals(NOW.minus(Duration.ofMinutes(6)), plan.oldest().from());
    }

    @Test
    void aRunOnTimeHasNoCatchup() {
        Plan plan = plan(FIVE_MINUTES);
        assertEquals(1, plan.windows().size());
        assertEquals(Duration.ZERO, plan.remainingGap());
    }

    @Test
    void twentySixMinutesAreCoveredByFourCatchupWindowsOldestFirst() {
        Plan plan = plan(Duration.ofMinutes(26));
        assertEquals(5, plan.windows().size());
        assertEquals(Duration.ZERO, plan.remainingGap());
        assertEquals(NOW.minus(Duration.ofMinutes(26)), plan.oldest().from());
        assertEquals(NOW.minus(Duration.ofMinutes(20)), plan.oldest().to());
        assertEquals(NOW, plan.newest().to());
    }

    @Test
    void twentySevenMinutesLeaveAMinuteUncovered() {
        Plan plan = plan(Duration.ofMinutes(27));
        assertEquals(5, plan.windows().size());
        assertEquals(Duration.ofMillis(60000), plan.remainingGap());
        assertEquals("a minute (60000ms) were not queried between this rule execution and the last execution, so"
                        + " signals may have been missed. Consider increasing your look behind time or adding more"
                        + " Kibana instances",
                RangeTuples.gapMessage(plan.remainingGap()));
    }

    @Test
    void longerGapsAreWordedAsMomentDoes() {
        assertTrue(RangeTuples.gapMessage(Duration.ofMinutes(4)).startsWith("4 minutes (240000ms) were not queried"));
        assertTrue(RangeTuples.gapMessage(Duration.ofHours(3)).startsWith("3 hours (10800000ms)"));
        assertTrue(RangeTuples.gapMessage(Duration.ofSeconds(20)).startsWith("a few seconds (20000ms)"));
        assertTrue(RangeTuples.gapMessage(Duration.ofMinutes(50)).startsWith("an hour"));
        assertTrue(RangeTuples.gapMessage(Duration.ofDays(3)).startsWith("3 days"));
    }

    @Test
    void dateMathAddsSubtractsAndRounds() {
        Instant now = Instant.parse("2026-03-04T10:17:42.123Z");
        assertEquals(Instant.parse("2026-03-04T10:11:42.123Z"), DateMath.parse("now-6m", now).orElseThrow());
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), DateMath.parse("now/d", now).orElseThrow());
        assertEquals(Instant.parse("2026-03-03T00:00:00Z"), DateMath.parse("now-1d/d", now).orElseThrow());
        assertEquals(Instant.parse("2026-03-04T10:22:42.123Z"), DateMath.parse("now+5m", now).orElseThrow());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), DateMath.parse("2026-01-01T00:00:00Z", now).orElseThrow());
        assertTrue(DateMath.parse("yesterday", now).isEmpty());
        assertTrue(DateMath.parse("now-6x", now).isEmpty());
    }

    @Test
    void intervalsParse() {
        assertEquals(Duration.ofMinutes(5), Intervals.parse("5m").orElseThrow());
        assertEquals(Duration.ofSeconds(30), Intervals.parse("30s").orElseThrow());
        assertEquals(Duration.ofHours(1), Intervals.parse("1h").orElseThrow());
        assertTrue(Intervals.parse("0m").isEmpty());
        assertTrue(Intervals.parse("5 minutes").isEmpty());
    }
}
