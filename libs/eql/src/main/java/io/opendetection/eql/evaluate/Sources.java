package io.opendetection.eql.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a field of an event's {@code _source}: dotted names as objects or as flattened keys, and field[i]. */
public final class Sources {

    private Sources() {
    }

    /** A String, Long, Double, Boolean, a List of those for a multi-valued field, or null when absent. */
    public static Object read(JsonNode source, String field) {
        List<Object> found = new ArrayList<>();
        for (JsonNode node : nodes(source, field)) {
            addValue(node, found);
        }
        if (found.isEmpty()) {
            return null;
        }
        return found.size() == 1 ? found.get(0) : found;
    }

    /**
     * The JSON nodes a field names, objects and arrays as they are; {@code a[i]} is the i-th of a's
     * values and may be followed by more of the path ({@code events[1].pid}).
     */
    public static List<JsonNode> nodes(JsonNode source, String field) {
        int bracket = field.indexOf('[');
        int close = bracket < 0 ? -1 : field.indexOf(']', bracket);
        if (bracket > 0 && close > bracket) {
            List<JsonNode> elements = new ArrayList<>();
            for (JsonNode node : nodes(source, field.substring(0, bracket))) {
                if (node.isArray()) {
                    node.forEach(elements::add);
                } else {
                    elements.add(node);
                }
            }
            int position = Integer.parseInt(field.substring(bracket + 1, close));
            if (position >= elements.size()) {
                return List.of();
            }
            JsonNode element = elements.get(position);
            String rest = field.substring(close + 1);
            return rest.startsWith(".") ? nodes(element, rest.substring(1)) : List.of(element);
        }
        List<JsonNode> found = new ArrayList<>();
        collect(source, field, found);
        return found;
    }

    private static void collect(JsonNode node, String path, List<JsonNode> found) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, path, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode exact = node.get(path);
        if (exact != null && !exact.isNull()) {
            found.add(exact);
        }
        // a.b.c may be {"a": {"b.c": ...}} or {"a.b": {"c": ...}}.
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            JsonNode child = node.get(path.substring(0, dot));
            if (child != null) {
                collect(child, path.substring(dot + 1), found);
            }
        }
    }

    /** The scalar values of one node: its own, or its elements' for an array; null and objects give none. */
    static void addValue(JsonNode value, List<Object> found) {
        if (value.isArray()) {
            value.forEach(element -> addValue(element, found));
        } else {
            Object scalar = scalar(value);
            if (scalar != null) {
                found.add(scalar);
            }
        }
    }

    static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.asLong() : (Object) value.asDouble();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        // An object where a value is expected: not a value EQL compares.
        return null;
    }
}
