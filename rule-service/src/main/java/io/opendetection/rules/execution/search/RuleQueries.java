package io.opendetection.rules.execution.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.kql.Kql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A rule's query, filters and exceptions as Elasticsearch DSL, as Kibana's {@code buildEsQuery}
 * combines them: the query (KQL compiled by our parser, Lucene through {@code query_string}) and
 * each enabled filter in {@code filter}, negated filters and the exceptions in {@code must_not}.
 */
public final class RuleQueries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Kibana's default {@code securitySolution:defaultIndex}, used when a rule names no index. */
    public static final List<String> DEFAULT_INDEX = List.of("apm-*-transaction*", "auditbeat-*", "endgame-*",
            "filebeat-*", "logs-*", "packetbeat-*", "traces-apm*", "winlogbeat-*", "-*elastic-cloud-logs-*");

    private RuleQueries() {
    }

    public static List<String> indices(JsonNode rule) {
        JsonNode index = rule.path("index");
        if (!index.isArray() || index.isEmpty()) {
            return DEFAULT_INDEX;
        }
        java.util.ArrayList<String> indices = new java.util.ArrayList<>();
        index.forEach(pattern -> indices.add(pattern.asText()));
        return indices;
    }

    /** The query in its language; an empty query matches everything. Throws on a query that does not parse. */
    public static ObjectNode query(String query, String language) {
        if (query == null || query.isBlank()) {
            ObjectNode all = JSON.objectNode();
            all.putObject("match_all");
            return all;
        }
        if ("lucene".equals(language)) {
            ObjectNode queryString = JSON.objectNode();
            queryString.putObject("query_string").put("query", query).put("analyze_wildcard", true);
            return queryString;
        }
        return Kql.toElasticsearchQuery(query);
    }

    /**
     * The rule's filter: query and {@code filters} (and, for a threat rule's indicator side,
     * {@code threat_query}/{@code threat_filters}); {@code exceptions} is left out when null.
     */
    public static ObjectNode filter(String query, String language, JsonNode filters, ObjectNode exceptions) {
        ObjectNode bool = JSON.objectNode();
        ObjectNode body = bool.putObject("bool");
        ArrayNode filter = body.putArray("filter");
        ArrayNode mustNot = body.putArray("must_not");
        filter.add(query(query, language));
        if (filters != null) {
            for (JsonNode kibanaFilter : filters) {
                JsonNode meta = kibanaFilter.path("meta");
                if (meta.path("disabled").asBoolean(false)) {
                    continue;
                }
                JsonNode clause = translate(kibanaFilter);
                if (clause == null) {
                    continue;
                }
                (meta.path("negate").asBoolean(false) ? mustNot : filter).add(clause);
            }
        }
        if (exceptions != null) {
            mustNot.add(exceptions);
        }
        return bool;
    }

    public static ObjectNode ruleFilter(JsonNode rule, ObjectNode exceptions) {
        return filter(rule.path("query").asText(""), rule.path("language").asText("kuery"), rule.path("filters"),
                exceptions);
    }

    /**
     * A Kibana filter object as a query: its {@code query} when it has one, otherwise the legacy
     * shapes ({@code exists}, {@code range}, {@code match_phrase}, {@code script}…) minus
     * {@code meta} and {@code $state}; an old {@code match} of type phrase becomes {@code match_phrase}.
     */
    static JsonNode translate(JsonNode kibanaFilter) {
        if (!kibanaFilter.isObject()) {
            return null;
        }
        JsonNode query;
        if (kibanaFilter.hasNonNull("query")) {
            query = kibanaFilter.get("query");
        } else {
            ObjectNode rest = ((ObjectNode) kibanaFilter).deepCopy();
            rest.remove(List.of("meta", "$state"));
            query = rest;
        }
        if (!query.isObject() || query.isEmpty()) {
            return null;
        }
        return migrateMatchPhrase((ObjectNode) query);
    }

    private static JsonNode migrateMatchPhrase(ObjectNode query) {
        JsonNode match = query.get("match");
        if (match == null || !match.isObject() || match.size() != 1) {
            return query;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = match.fields();
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode params = field.getValue();
        if (!params.isObject() || !"phrase".equals(params.path("type").asText())) {
            return query;
        }
        ObjectNode phrase = JSON.objectNode();
        phrase.putObject("match_phrase").set(field.getKey(), params.path("query"));
        return phrase;
    }

    /** Events of the rule in one window: its filter and the timestamp range. */
    /** A rule's field list as Kibana takes it: one name or an array of them, empty names dropped. */
    public static List<String> fieldNames(JsonNode field) {
        List<String> fields = new ArrayList<>();
        if (field.isArray()) {
            field.forEach(value -> {
                if (!value.asText().isEmpty()) {
                    fields.add(value.asText());
                }
            });
        } else if (field.isTextual() && !field.asText().isEmpty()) {
            fields.add(field.asText());
        }
        return fields;
    }

    public static ObjectNode events(ObjectNode ruleFilter, ObjectNode range) {
        ObjectNode bool = JSON.objectNode();
        ArrayNode filter = bool.putObject("bool").putArray("filter");
        filter.add(ruleFilter);
        filter.add(range);
        return bool;
    }
}
