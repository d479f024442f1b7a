package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.util.List;
import java.util.stream.Collectors;

/** Type checks of one field of a JSON body, phrased as Kibana's (zod) validation phrases them. */
final class JsonFields {
    private JsonFields() {
    }

    static String received(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "undefined";
        }
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case NULL -> "null";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static boolean present(JsonNode body, String field) {
        return body.has(field);
    }

    /** A string, non-empty where {@code nonEmpty}; adds the problem and answers false otherwise. */
    static boolean string(JsonNode body, String field, boolean nonEmpty, Problems problems) {
        JsonNode value = body.get(field);
        if (!value.isTextual()) {
            problems.add(field, "Expected string, received " + received(value));
            return false;
        }
        if (nonEmpty && value.asText().isEmpty()) {
            problems.add(field, "String must contain at least 1 character(s)");
            return false;
        }
        return true;
    }

    static boolean bool(JsonNode body, String field, Problems problems) {
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            problems.add(field, "Expected boolean, received " + received(value));
            return false;
        }
        return true;
    }

    static boolean integer(JsonNode body, String field, Long min, Long max, Problems problems) {
        JsonNode value = body.get(field);
        if (!value.isNumber()) {
            problems.add(field, "Expected number, received " + received(value));
            return false;
        }
        if (!value.isIntegralNumber() && value.asDouble() != Math.rint(value.asDouble())) {
            problems.add(field, "Expected integer, received float");
            return false;
        }
        if (min != null && value.asDouble() < min) {
            problems.add(field, "Number must be greater than or equal to " + min);
            return false;
        }
        if (max != null && value.asDouble() > max) {
            problems.add(field, "Number must be less than or equal to " + max);
            return false;
        }
        return true;
    }

    static boolean object(JsonNode body, String field, Problems problems) {
        JsonNode value = body.get(field);
        if (!value.isObject()) {
            problems.add(field, "Expected object, received " + received(value));
            return false;
        }
        return true;
    }

    static boolean array(JsonNode body, String field, Problems problems) {
        JsonNode value = body.get(field);
        if (!value.isArray()) {
            problems.add(field, "Expected array, received " + received(value));
            return false;
        }
        return true;
    }

    static boolean stringArray(JsonNode body, String field, Problems problems) {
        if (!array(body, field, problems)) {
            return false;
        }
        JsonNode values = body.get(field);
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                problems.add(field + "." + i, "Expected string, received " + received(values.get(i)));
                return false;
            }
        }
        return true;
    }

    static boolean oneOf(JsonNode body, String field, List<String> allowed, Problems problems) {
        if (!string(body, field, false, problems)) {
            return false;
        }
        String value = body.get(field).asText();
        if (!allowed.contains(value)) {
            problems.add(field, "Invalid enum value. Expected " + quoted(allowed) + ", received '" + value + "'");
            return false;
        }
        return true;
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(" | "));
    }
}
