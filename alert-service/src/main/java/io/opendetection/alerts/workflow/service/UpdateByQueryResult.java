package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Elasticsearch's update-by-query answer, which Kibana returns as it is from the status, tags and
 * assignees routes; ours counts what alert-service did in the same terms.
 */
@JsonPropertyOrder({"took", "timed_out", "total", "updated", "deleted", "batches", "version_conflicts", "noops",
        "retries", "throttled_millis", "requests_per_second", "throttled_until_millis", "failures"})
public record UpdateByQueryResult(long took, @JsonProperty("timed_out") boolean timedOut, long total, long updated,
                                  long deleted, long batches, @JsonProperty("version_conflicts") long versionConflicts,
                                  long noops, Retries retries, @JsonProperty("throttled_millis") long throttledMillis,
                                  @JsonProperty("requests_per_second") int requestsPerSecond,
                                  @JsonProperty("throttled_until_millis") long throttledUntilMillis,
                                  List<JsonNode> failures) {

    public record Retries(long bulk, long search) {
    }

    /** No alert matched (or the space has no alerts index yet). */
    public static UpdateByQueryResult empty(long took) {
        return new UpdateByQueryResult(took, false, 0, 0, 0, 0, 0, 0, new Retries(0, 0), 0, -1, 0, List.of());
    }
}
