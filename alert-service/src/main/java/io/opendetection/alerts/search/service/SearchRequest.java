package io.opendetection.alerts.search.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;

import java.util.List;

/**
 * The body of {@code POST /api/detection_engine/signals/search} (Kibana's QueryAlertsBodyParams),
 * checked field by field and rebuilt from those fields only: nothing else of the caller's JSON
 * reaches Elasticsearch (no index, no pit, no stored script).
 */
public final class SearchRequest {
    private SearchRequest() {
    }

    public static ObjectNode read(JsonNode body) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        ObjectNode search = JsonNodeFactory.instance.objectNode();
        copy(search, "query", fields.anyObject("query", Presence.OPTIONAL));
        copy(search, "aggs", fields.anyObject("aggs", Presence.OPTIONAL));
        Long size = fields.integer("size", Presence.OPTIONAL, 0, Integer.MAX_VALUE);
        if (size != null) {
            search.put("size", size);
        }
        copy(search, "sort", sort(body.get("sort"), problems));
        copy(search, "_source", source(body.get("_source"), problems));
        List<String> docValueFields = fields.strings("fields", Presence.OPTIONAL);
        if (docValueFields != null) {
            search.set("fields", body.get("fields"));
        }
        copy(search, "runtime_mappings", fields.anyObject("runtime_mappings", Presence.OPTIONAL));
        Boolean trackTotalHits = fields.bool("track_total_hits", Presence.OPTIONAL);
        if (trackTotalHits != null) {
            search.put("track_total_hits", trackTotalHits);
        }
        problems.throwIfAny();
        return search;
    }

    /** A sort is a field name, an object, or an array of those. */
    private static JsonNode sort(JsonNode sort, Problems problems) {
        if (sort == null) {
            return null;
        }
        boolean valid = sort.isTextual() || sort.isObject();
        if (sort.isArray()) {
            valid = true;
            for (JsonNode element : sort) {
                valid &= element.isTextual() || element.isObject();
            }
        }
        if (!valid) {
            problems.add("sort", "Expected a field name, an object or an array of those");
            return null;
        }
        return sort;
    }

    /** {@code _source} is true/false, a field pattern, or an array of field patterns. */
    private static JsonNode source(JsonNode source, Problems problems) {
        if (source == null) {
            return null;
        }
        boolean valid = source.isBoolean() || source.isTextual();
        if (source.isArray()) {
            valid = true;
            for (JsonNode element : source) {
                valid &= element.isTextual();
            }
        }
        if (!valid) {
            problems.add("_source", "Expected boolean, string or array of strings");
            return null;
        }
        return source;
    }

    private static void copy(ObjectNode search, String name, JsonNode value) {
        if (value != null) {
            search.set(name, value);
        }
    }
}
