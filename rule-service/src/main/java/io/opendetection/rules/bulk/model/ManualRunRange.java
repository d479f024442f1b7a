package io.opendetection.rules.bulk.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time range of a manual rule run ({@code _bulk_action} {@code run}), checked as Kibana's
 * alerting plugin checks a backfill schedule ({@code validateBackfillSchedule}): in this order,
 * a readable start, at most 90 days back, not in the future, a readable end after the start,
 * not in the future.
 */
public record ManualRunRange(Instant start, Instant end) {
    /** Kibana's MAX_SCHEDULE_BACKFILL_LOOKBACK_WINDOW_DAYS. */
    public static final int MAX_LOOKBACK_DAYS = 90;

    /** The range, or {@link Invalid} with Kibana's reason. */
    public static ManualRunRange of(String start, String end, Instant now) {
        Instant from = parse(start);
        if (from == null) {
            throw new Invalid("Backfill start must be valid date");
        }
        if (Duration.between(from, now).compareTo(Duration.ofDays(MAX_LOOKBACK_DAYS)) > 0) {
            throw new Invalid("Backfill cannot look back more than " + MAX_LOOKBACK_DAYS + " days");
        }
        if (now.isBefore(from)) {
            throw new Invalid("Backfill cannot be scheduled for the future");
        }
        Instant to = parse(end);
        if (to == null) {
            throw new Invalid("Backfill end must be valid date");
        }
        if (!to.isAfter(from)) {
            throw new Invalid("Backfill end must be greater than backfill start");
        }
        if (now.isBefore(to)) {
            throw new Invalid("Backfill cannot be scheduled for the future");
        }
        return new ManualRunRange(from, to);
    }

    /**
     * A date as JavaScript's {@code Date.parse} reads the ISO forms: with an offset, a date-time
     * without one (the server runs in UTC), or a bare date (UTC midnight); null when it is none.
     */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    /** A range Kibana refuses, with its reason. */
    public static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
