package io.opendetection.rules.execution.scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rule's {@code interval} ({@code 5m}, {@code 30s}, {@code 1h}, {@code 1d}) as a duration. */
public final class Intervals {
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Intervals() {
    }

    public static Optional<Duration> parse(String interval) {
        if (interval == null) {
            return Optional.empty();
        }
        Matcher matcher = INTERVAL.matcher(interval.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return duration.isZero() ? Optional.empty() : Optional.of(duration);
    }
}
