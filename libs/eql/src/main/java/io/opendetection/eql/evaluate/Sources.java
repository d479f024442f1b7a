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
        int bracket = field.indexOf('[');
        if (bracket > 0 && field.endsWith("]")) {
            Object whole = read(source, field.substring(0, bracket));
            int position = Integer.parseInt(field.substring(bracket + 1, field.length() - 1));
            if (whole instanceof List<?> list) {
                return position < list.size() ? list.get(position) : null;
            }
            return position == 0 ? whole : null;
        }
        List<Object> found = new ArrayList<>();
        collect(source, field, found);
        if (found.isEmpty()) {
            return null;
        }
        return found.size() == 1 ? found.get(0) : found;
    }

    private static void collect(JsonNode node, String path, List<Object> found) {
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
        if (exact != null) {
            addValue(exact, found);
        }
        // a.b.c may be {"a": {"b.c": ...}} or {"a.b": {"c": ...}}.
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            JsonNode child = node.get(path.substring(0, dot));
            if (child != null) {
                collect(child, path.substring(dot + 1), found);
            }
        }
    }

    private static void addValue(JsonNode value, List<Object> found) {
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
