package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.rules.execution.search.RuleQueries;
import io.opendetection.rules.execution.scheduler.DateMath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rule's {@code alert_suppression} (ENGINE.md §9): the fields alerts are grouped by, the time
 * window a group stays open ({@code duration}; none: one alert per group per execution) and
 * whether events missing a group-by field form a group of their own ({@code suppress}, the
 * default) or become ordinary alerts ({@code doNotSuppress}). Threshold rules accept only the
 * time-window form and group by their {@code threshold.field}.
 *
 * @param duration null for per-execution suppression
 */
public record Suppression(List<String> groupBy, Duration duration, boolean suppressMissing) {
    /** Kibana's {@code MAX_SIGNALS_SUPPRESSION_MULTIPLIER}: suppressed + created may reach this × max_signals. */
    static final int MULTIPLIER = 5;

    public static Optional<Suppression> of(JsonNode rule) {
        JsonNode settings = rule.path("alert_suppression");
        if (!settings.isObject()) {
            return Optional.empty();
        }
        Duration duration = duration(settings.path("duration"));
        boolean suppressMissing = !"doNotSuppress".equals(settings.path("missing_fields_strategy").asText());
        if ("threshold".equals(rule.path("type").asText())) {
            return duration == null ? Optional.empty()
                    : Optional.of(new Suppression(RuleQueries.fieldNames(rule.path("threshold").path("field")), duration, true));
        }
        List<String> groupBy = RuleQueries.fieldNames(settings.path("group_by"));
        return groupBy.isEmpty() ? Optional.empty() : Optional.of(new Suppression(groupBy, duration, suppressMissing));
    }

    /**
     * How many alert candidates one window of the rule may gather: under suppression, suppressed
     * and created alerts together may reach five times max_signals (ES|QL and threshold: once).
     */
    public static int candidates(JsonNode rule, int maxSignals) {
        String type = rule.path("type").asText();
        if (of(rule).isEmpty() || "esql".equals(type) || "threshold".equals(type)) {
            return maxSignals;
        }
        return maxSignals * MULTIPLIER;
    }

    public boolean perExecution() {
        return duration == null;
    }

    /**
     * Until when a group whose alert was created at {@code created} stays open. In the time-window
     * form, for the duration. Per execution, it only keeps the next, overlapping execution from
     * counting the same events again: Kibana looks for alerts created since the start of the
     * execution's range, so a group lasts as long as the rule's look-back ({@code from}..{@code to}).
     */
    Instant openUntil(JsonNode rule, Instant startedAt, Instant created) {
        if (duration != null) {
            return created.plus(duration);
        }
        Instant from = DateMath.parse(rule.path("from").asText("now-6m"), startedAt).orElse(startedAt);
        Instant to = DateMath.parse(rule.path("to").asText("now"), startedAt).orElse(startedAt);
        return created.plus(Duration.between(from, to).abs());
    }

    private static Duration duration(JsonNode duration) {
        if (!duration.isObject() || !duration.path("value").canConvertToLong()) {
            return null;
        }
        long value = duration.path("value").asLong();
        return switch (duration.path("unit").asText()) {
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> null;
        };
    }
}
