package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.alerts.AlertRuleFields;
import io.opendetection.rules.execution.search.TimestampFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution of one rule, as every rule type sees it: the rule as it was when the execution
 * started, where it runs, the exceptions to leave out, and what it has measured so far.
 *
 * @param executionType {@code scheduled} or {@code manual} (manual runs and gap refills)
 * @param indices       the index patterns the run searches: the rule's, less those its editor may not read
 * @param threatIndices likewise for a threat_match rule's indicator indices ({@code threat_index})
 * @param exceptions    the must_not clause of the rule's exception items, or null
 * @param maxSignals    the rule's max_signals after the framework's clamp; under alert suppression, the alert
 *                      candidates a window may gather ({@link io.opendetection.rules.execution.suppression.Suppression#candidates})
 * @param alertRuleFields the rule's fields of the run's alerts, built once for all of them
 */
public record RunContext(String space, JsonNode rule, String executionId, String executionType, Instant startedAt,
                         List<String> indices, List<String> threatIndices, TimestampFields timestamps,
                         ObjectNode exceptions, int maxSignals, List<String> warnings, AtomicLong searchDurationMs,
                         AtomicLong indexingDurationMs, AtomicLong alertsCreated, AlertRuleFields alertRuleFields) {

    public static RunContext of(String space, JsonNode rule, String executionId, String executionType,
                                Instant startedAt, List<String> indices, ObjectNode exceptions, int maxSignals) {
        List<String> threatIndices = new ArrayList<>();
        rule.path("threat_index").forEach(index -> threatIndices.add(index.asText()));
        return new RunContext(space, rule, executionId, executionType, startedAt, indices, threatIndices,
                TimestampFields.of(rule), exceptions, maxSignals, new CopyOnWriteArrayList<>(), new AtomicLong(),
                new AtomicLong(), new AtomicLong(), new AlertRuleFields(rule, indices));
    }

    /** The same run searching only these indices (what its editor may read); warnings and metrics shared. */
    public RunContext searching(List<String> readableIndices, List<String> readableThreatIndices) {
        return new RunContext(space, rule, executionId, executionType, startedAt, readableIndices,
                readableThreatIndices, timestamps, exceptions, maxSignals, warnings, searchDurationMs,
                indexingDurationMs, alertsCreated, new AlertRuleFields(rule, readableIndices));
    }

    /** The same run with the must_not clause of the rule's exceptions; warnings and metrics shared. */
    public RunContext withExceptions(ObjectNode exceptionsClause) {
        return new RunContext(space, rule, executionId, executionType, startedAt, indices, threatIndices, timestamps,
                exceptionsClause, maxSignals, warnings, searchDurationMs, indexingDurationMs, alertsCreated,
                alertRuleFields);
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
