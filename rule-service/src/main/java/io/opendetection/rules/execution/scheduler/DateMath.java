package io.opendetection.rules.execution.scheduler;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elasticsearch/Kibana date math as rules use it in {@code from} and {@code to}: {@code now}
 * followed by {@code +N<unit>}, {@code -N<unit>} and {@code /<unit>} (rounding down), in UTC; or
 * an absolute ISO-8601 time.
 */
public final class DateMath {
    private static final Pattern OPERATION = Pattern.compile("([+-])(\\d+)(ms|[yMwdhHms])|/(ms|[yMwdhHms])");

    private DateMath() {
    }

    /** The instant {@code expression} names with {@code now} as given; empty if it is not date math. */
    public static Optional<Instant> parse(String expression, Instant now) {
        if (expression == null || expression.isBlank()) {
            return Optional.empty();
        }
        String text = expression.trim();
        if (!text.startsWith("now")) {
            try {
                return Optional.of(ZonedDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return Optional.of(Instant.parse(text));
                } catch (DateTimeParseException again) {
                    return Optional.empty();
                }
            }
        }
        ZonedDateTime time = now.atZone(ZoneOffset.UTC);
        String rest = text.substring(3);
        Matcher matcher = OPERATION.matcher(rest);
        int position = 0;
        while (position < rest.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                return Optional.empty();
            }
            if (matcher.group(4) != null) {
                time = roundDown(time, matcher.group(4));
            } else {
                long amount = Long.parseLong(matcher.group(2)) * ("-".equals(matcher.group(1)) ? -1 : 1);
                time = add(time, amount, matcher.group(3));
            }
            position = matcher.end();
        }
        return Optional.of(time.toInstant());
    }

    private static ZonedDateTime add(ZonedDateTime time, long amount, String unit) {
        return switch (unit) {
            case "y" -> time.plusYears(amount);
            case "M" -> time.plusMonths(amount);
            case "w" -> time.plusWeeks(amount);
            case "d" -> time.plusDays(amount);
            case "h", "H" -> time.plusHours(amount);
            case "m" -> time.plusMinutes(amount);
            case "s" -> time.plusSeconds(amount);
            default -> time.plus(amount, ChronoUnit.MILLIS);
        };
    }

    private static ZonedDateTime roundDown(ZonedDateTime time, String unit) {
        return switch (unit) {
            case "y" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case "M" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "w" -> time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "d" -> time.truncatedTo(ChronoUnit.DAYS);
            case "h", "H" -> time.truncatedTo(ChronoUnit.HOURS);
            case "m" -> time.truncatedTo(ChronoUnit.MINUTES);
            case "s" -> time.truncatedTo(ChronoUnit.SECONDS);
            default -> time.truncatedTo(ChronoUnit.MILLIS);
        };
    }
}
