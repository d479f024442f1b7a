package io.opendetection.rules.execution.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * Which field dates an event (ENGINE.md §2): {@code timestamp_override} if the rule has one,
 * else {@code @timestamp}; with an override, {@code @timestamp} is the fallback for events that
 * lack it, unless the rule disables the fallback.
 *
 * @param secondary the fallback, or null
 */
public record TimestampFields(String primary, String secondary) {
    public static final String DEFAULT = "@timestamp";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static TimestampFields of(JsonNode rule) {
        String override = rule.path("timestamp_override").asText("");
        if (override.isEmpty() || override.equals(DEFAULT)) {
            return new TimestampFields(DEFAULT, null);
        }
        boolean fallbackDisabled = rule.path("timestamp_override_fallback_disabled").asBoolean(false);
        return new TimestampFields(override, fallbackDisabled ? null : DEFAULT);
    }

    public List<String> all() {
        List<String> fields = new ArrayList<>(List.of(primary));
        if (secondary != null) {
            fields.add(secondary);
        }
        return fields;
    }

    /** Kibana's range filter: primary in range, or (with a fallback) secondary in range where primary is missing. */
    public ObjectNode rangeFilter(Window window) {
        ObjectNode primaryRange = range(primary, window);
        if (secondary == null) {
            return primaryRange;
        }
        ObjectNode either = JSON.objectNode();
        ObjectNode bool = either.putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.add(primaryRange);
        ObjectNode fallback = JSON.objectNode();
        ObjectNode fallbackBool = fallback.putObject("bool");
        fallbackBool.putArray("filter").add(range(secondary, window));
        ObjectNode exists = JSON.objectNode();
        exists.putObject("exists").put("field", primary);
        fallbackBool.putArray("must_not").add(exists);
        should.add(fallback);
        bool.put("minimum_should_match", 1);
        return either;
    }

    /** Oldest first, on the primary field, then the fallback; unmapped fields sort as dates. */
    public ArrayNode sort(String order) {
        ArrayNode sort = JSON.arrayNode();
        for (String field : all()) {
            ObjectNode by = sort.addObject();
            by.putObject(field).put("order", order).put("unmapped_type", "date");
        }
        return sort;
    }

    private static ObjectNode range(String field, Window window) {
        ObjectNode range = JSON.objectNode();
        range.putObject("range").putObject(field)
                .put("gte", Timestamps.of(window.from()))
                .put("lte", Timestamps.of(window.to()))
                .put("format", "strict_date_optional_time");
        return range;
    }
}
