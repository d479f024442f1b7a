package io.opendetection.rules.bulk.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kibana's backfill schedule checks, against a fixed now. */
class ManualRunRangeTest {
    private static final Instant NOW = Instant.parse("2023-11-16T08:00:00.000Z");

    private static String refusal(String start, String end) {
        return assertThrows(ManualRunRange.Invalid.class, () -> ManualRunRange.of(start, end, NOW)).getMessage();
    }

    @Test
    void aPastRangeIsARange() {
        ManualRunRange range = ManualRunRange.of("2023-10-16T08:00:00.000Z", "2023-10-17T08:00:00Z", NOW);
        assertEquals(Instant.parse("2023-10-16T08:00:00Z"), range.start());
        assertEquals(Duration.ofDays(1), Duration.between(range.start(), range.end()));
        assertEquals(Instant.parse("2023-11-15T00:00:00Z"), ManualRunRange.of("2023-11-15", "2023-11-16T01:00:00+01:00", NOW).start());
    }

    @Test
    void unreadableDatesAreNamed() {
        assertEquals("Backfill start must be valid date", refusal("foo", "2023-10-17T08:00:00.000Z"));
        assertEquals("Backfill end must be valid date", refusal("2023-10-16T08:00:00.000Z", "foo"));
    }

    @Test
    void atMostNinetyDaysBack() {
        assertEquals("Backfill cannot look back more than 90 days", refusal("2023-08-18T07:59:59.999Z", "2023-10-17T08:00:00.000Z"));
        ManualRunRange.of("2023-08-18T08:00:00.000Z", "2023-10-17T08:00:00.000Z", NOW);
    }

    @Test
    void theEndComesAfterTheStart() {
        assertEquals("Backfill end must be greater than backfill start", refusal("2023-10-16T08:00:00.000Z", "2023-10-16T08:00:00.000Z"));
        assertEquals("Backfill end must be greater than backfill start", refusal("2023-10-16T08:00:00.000Z", "2023-10-15T08:00:00.000Z"));
    }

    @Test
    void nothingInTheFuture() {
        assertEquals("Backfill cannot be scheduled for the future", refusal("2023-11-16T08:00:00.001Z", "2023-11-17T08:00:00.000Z"));
        assertEquals("Backfill cannot be scheduled for the future", refusal("2023-10-16T08:00:00.000Z", "2023-11-16T08:00:00.001Z"));
    }
}
