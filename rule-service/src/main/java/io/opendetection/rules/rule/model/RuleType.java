package io.opendetection.rules.rule.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The eight rule types, each with the fields only it has: those a create request must give, and
 * the optional ones kept as given.
 *
 * @param defaultLanguage the query language filled in when none is given, or null
 */
public enum RuleType {
    QUERY("query", List.of(), List.of("query", "language", "index", "data_view_id", "filters", "saved_id"), "kuery"),
    SAVED_QUERY("saved_query", List.of("saved_id"),
            List.of("query", "language", "index", "data_view_id", "filters"), "kuery"),
    EQL("eql", List.of("query", "language"),
            List.of("index", "data_view_id", "filters", "event_category_override", "tiebreaker_field", "timestamp_field"),
            null),
    ESQL("esql", List.of("query", "language"), List.of(), null),
    THRESHOLD("threshold", List.of("query", "threshold"),
            List.of("language", "index", "data_view_id", "filters", "saved_id"), "kuery"),
    THREAT_MATCH("threat_match", List.of("query", "threat_query", "threat_index", "threat_mapping"),
            List.of("language", "index", "data_view_id", "filters", "saved_id", "threat_filters", "threat_indicator_path",
                    "threat_language", "concurrent_searches", "items_per_search"), "kuery"),
    MACHINE_LEARNING("machine_learning", List.of("anomaly_threshold", "machine_learning_job_id"), List.of(), null),
    NEW_TERMS("new_terms", List.of("query", "new_terms_fields", "history_window_start"),
            List.of("language", "index", "data_view_id", "filters"), "kuery");

    /** The order Kibana's discriminator error lists them in. */
    static final List<String> NAMES = List.of("eql", "query", "saved_query", "threshold", "threat_match",
            "machine_learning", "new_terms", "esql");

    private final String apiName;
    private final List<String> required;
    private final List<String> optional;
    private final String defaultLanguage;

    RuleType(String apiName, List<String> required, List<String> optional, String defaultLanguage) {
        this.apiName = apiName;
        this.required = required;
        this.optional = optional;
        this.defaultLanguage = defaultLanguage;
    }

    public String apiName() {
        return apiName;
    }

    List<String> required() {
        return required;
    }

    List<String> optional() {
        return optional;
    }

    String defaultLanguage() {
        return defaultLanguage;
    }

    public static Optional<RuleType> of(String apiName) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(apiName)).findFirst();
    }
}
