package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.search.TimestampFields;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution of one rule, as every rule type sees it: the rule as it was when the execution
 * started, where it runs, the exceptions to leave out, and what it has measured so far.
 *
 * @param executionType {@code scheduled} or {@code manual} (manual runs and gap refills)
 * @param exceptions    the must_not clause of the rule's exception items, or null
 * @param maxSignals    the rule's max_signals after the framework's clamp
 */
public record RunContext(String space, JsonNode rule, String executionId, String executionType, Instant startedAt,
                         List<String> indices, TimestampFields timestamps, ObjectNode exceptions, int maxSignals,
                         List<String> warnings, AtomicLong searchDurationMs, AtomicLong indexingDurationMs,
                         AtomicLong alertsCreated) {

    public static RunContext of(String space, JsonNode rule, String executionId, String executionType,
                                Instant startedAt, List<String> indices, ObjectNode exceptions, int maxSignals) {
        return new RunContext(space, rule, executionId, executionType, startedAt, indices, TimestampFields.of(rule),
                exceptions, maxSignals, new CopyOnWriteArrayList<>(), new AtomicLong(), new AtomicLong(),
                new AtomicLong());
    }

    public String ruleId() {
        return rule.path("id").asText();
    }

    /** When the alerts were meant to be detected: the run's start, or for a manual run the end of its window. */
    public Instant intendedTimestamp(io.opendetection.rules.execution.scheduler.RangeTuples.Window window) {
        return "manual".equals(executionType) ? window.to() : startedAt;
    }

    public void warn(String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
        }
    }
}
