package io.opendetection.contracts.events;

/**
 * Value of a {@link Topics#RULE_EXECUTIONS} record, keyed by the rule's id: one finished
 * execution of a rule, as its {@code execution_summary.last_execution} shows it.
 *
 * @param executionType  {@code scheduled}, or {@code manual} for manual runs and gap refills
 * @param date           when the execution started (ISO-8601, UTC, milliseconds)
 * @param status         {@code succeeded}, {@code partial failure} or {@code failed}
 * @param windowFrom     start of the oldest window it queried (null when it queried none)
 * @param windowTo       end of the newest window it queried (null when it queried none)
 * @param alertsCreated  alerts published (and acknowledged) by this execution
 * @param executionGapS  seconds not queried since the previous execution, null when none
 */
public record RuleExecutionEvent(String space, String ruleId, String executionId, String executionType,
                                 String date, String status, String message, String windowFrom, String windowTo,
                                 long alertsCreated, long totalSearchDurationMs, long totalIndexingDurationMs,
                                 Long executionGapS) {
}
