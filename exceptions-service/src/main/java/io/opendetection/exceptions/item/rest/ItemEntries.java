package io.opendetection.exceptions.item.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;

import java.util.List;

import static io.opendetection.common.validation.Presence.REQUIRED;

/**
 * The {@code entries} of an exception item: each one of Kibana's entry types, told apart by
 * {@code type}, and a nested entry holding match, match_any and exists entries only. Each entry
 * is rebuilt from its known fields, as zod strips the rest.
 */
final class ItemEntries {
    private static final List<String> TYPES = List.of("match", "match_any", "list", "exists", "nested", "wildcard");
    private static final List<String> NESTED_TYPES = List.of("match", "match_any", "exists");
    private static final List<String> OPERATORS = List.of("excluded", "included");
    /** Kibana's ListType: the Elasticsearch type of a value list's values. */
    private static final List<String> VALUE_LIST_TYPES = List.of("binary", "boolean", "byte", "date", "date_nanos",
            "date_range", "double", "double_range", "float", "float_range", "geo_point", "geo_shape", "half_float",
            "integer", "integer_range", "ip", "ip_range", "keyword", "long", "long_range", "shape", "short", "text");

    private ItemEntries() {
    }

    static ArrayNode read(Fields item) {
        return entries(item.objects("entries", REQUIRED, 0), TYPES);
    }

    private static ArrayNode entries(List<Fields> given, List<String> types) {
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        if (given != null) {
            for (Fields entry : given) {
                ObjectNode read = entry(entry, types);
                if (read != null) {
                    entries.add(read);
                }
            }
        }
        return entries;
    }

    // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
    private static ObjectNode entry(Fields entry, List<String> types) {
        String type = entry.discriminator("type", types);
        if (type == null) {
            return null;
        }
        ObjectNode read = JsonNodeFactory.instance.objectNode();
        if (type.equals("nested")) {
            read.set("entries", entries(entry.objects("entries", REQUIRED, 1), NESTED_TYPES));
        }
        read.put("field", entry.nonEmptyString("field", REQUIRED));
        if (type.equals("list")) {
            read.set("list", valueList(entry.object("list", REQUIRED)));
        }
        if (!type.equals("nested")) {
            read.put("operator", entry.oneOf("operator", REQUIRED, OPERATORS));
        }
        read.put("type", type);
        switch (type) {
            case "match", "wildcard" -> read.put("value", entry.nonEmptyString("value", REQUIRED));
            case "match_any" -> read.set("value", strings(entry.nonEmptyStrings("value", REQUIRED, 1)));
            default -> {
                // exists, list and nested entries have no value
            }
        }
        return read;
    }

    private static ObjectNode valueList(Fields list) {
        ObjectNode read = JsonNodeFactory.instance.objectNode();
        if (list != null) {
            read.put("id", list.nonEmptyString("id", REQUIRED));
            read.put("type", list.oneOf("type", REQUIRED, VALUE_LIST_TYPES));
        }
        return read;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        if (values != null) {
            values.forEach(array::add);
        }
        return array;
    }
}
