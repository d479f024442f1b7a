package io.opendetection.rules.rule.persistence;

import java.util.List;
import java.util.Map;

/**
 * How _find orders rules: Kibana's sort fields (both spellings it accepts) on the rule table's
 * columns, with the id as tie-breaker so pages never overlap.
 */
public record RuleSort(String column, boolean descending) {
    /** Kibana's FindRulesSortField values that name a stored attribute. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("created_at", "created_at"), Map.entry("createdAt", "created_at"),
            Map.entry("updated_at", "updated_at"), Map.entry("updatedAt", "updated_at"),
            Map.entry("name", "name"), Map.entry("enabled", "enabled"),
            Map.entry("risk_score", "risk_score"), Map.entry("riskScore", "risk_score"),
            Map.entry("severity", "severity"));
    /** The spec's values that sort by execution results, which rule management does not keep. */
    public static final List<String> EXECUTION_FIELDS = List.of("execution_summary.last_execution.date",
            "execution_summary.last_execution.metrics.execution_gap_duration_s",
            "execution_summary.last_execution.metrics.total_indexing_duration_ms",
            "execution_summary.last_execution.metrics.total_search_duration_ms",
            "execution_summary.last_execution.status");
    public static final List<String> FIELDS = List.of("created_at", "createdAt", "enabled",
            "execution_summary.last_execution.date",
            "execution_summary.last_execution.metrics.execution_gap_duration_s",
            "execution_summary.last_execution.metrics.total_indexing_duration_ms",
            "execution_summary.last_execution.metrics.total_search_duration_ms",
            "execution_summary.last_execution.status", "name", "risk_score", "riskScore", "severity",
            "updated_at", "updatedAt");

    /** Kibana's default order: newest first. */
    public static final RuleSort DEFAULT = new RuleSort("created_at", true);

    /** The sort for a valid sort field; execution fields sort by creation until executions are recorded. */
    public static RuleSort of(String field, String order) {
        return new RuleSort(COLUMNS.getOrDefault(field, "created_at"), "desc".equals(order));
    }

    /**
     * Plain ASC/DESC, so that either direction is a forward or backward scan of the (space, column, id)
     * index; a rule always has these attributes, so where NULLs would sort never matters.
     */
    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return column + direction + ", id" + direction;
    }
}
