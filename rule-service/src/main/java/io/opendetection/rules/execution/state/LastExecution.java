package io.opendetection.rules.execution.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;

import java.time.Instant;
import java.util.Map;

/**
 * {@code execution_summary.last_execution} as Kibana shows it: date, status and its order,
 * message, and the metrics of the execution.
 */
public record LastExecution(Instant date, String status, String message, long searchDurationMs,
                            long indexingDurationMs, Long executionGapS) {
    public static final String SUCCEEDED = "succeeded";
    public static final String PARTIAL_FAILURE = "partial failure";
    public static final String FAILED = "failed";
    public static final String RUNNING = "running";
    public static final String SUCCESS_MESSAGE = "Rule execution completed successfully";
    /** Kibana's RuleExecutionStatusOrder. */
    private static final Map<String, Integer> ORDER = Map.of(SUCCEEDED, 0, RUNNING, 15, PARTIAL_FAILURE, 20, FAILED, 30);

    public static LastExecution running(Instant date) {
        return new LastExecution(date, RUNNING, "", 0, 0, null);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("date", Timestamps.of(date));
        json.put("status", status);
        json.put("status_order", ORDER.getOrDefault(status, 0));
        json.put("message", message);
        ObjectNode metrics = json.putObject("metrics");
        if (!RUNNING.equals(status)) {
            metrics.put("total_search_duration_ms", searchDurationMs);
            metrics.put("total_indexing_duration_ms", indexingDurationMs);
        }
        if (executionGapS != null) {
            metrics.put("execution_gap_duration_s", executionGapS);
        }
        return json;
    }
}
