package io.opendetection.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.http.Rejection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON bodies of the security routes field by field, failing with a 400 in the words of
 * Kibana's {@code @kbn/config-schema}: {@code [request body.roles]: expected value of type [array]
 * but got [string]}.
 */
public final class BodyFields {
    public static final String BODY = "request body";
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private BodyFields() {
    }

    public static Rejection invalid(String path, String message) {
        return new Rejection(400, "[" + path + "]: " + message);
    }

    /** The body or a nested object; a missing optional one reads as an empty object. */
    public static JsonNode object(JsonNode node, String path, boolean required) {
        if (absent(node) && !required) {
            return PLAIN.createObjectNode();
        }
        if (!node.isObject()) {
            throw expected(path, "object", node);
        }
        return node;
    }

    /** Refuses keys the schema does not define. */
    public static void onlyKeys(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(path + "." + name, "definition for this key is missing");
            }
        }
    }

    /** A string, null when absent and optional. */
    public static String string(JsonNode object, String key, String path, boolean required) {
        JsonNode value = object.path(key);
        if (absent(value) && !required) {
            return null;
        }
        if (!value.isTextual()) {
            throw expected(path + "." + key, "string", value);
        }
        return value.asText();
    }

    /** An array, empty when absent. */
    public static JsonNode array(JsonNode object, String key, String path) {
        JsonNode value = object.path(key);
        if (absent(value)) {
            return PLAIN.createArrayNode();
        }
        if (!value.isArray()) {
            throw expected(path + "." + key, "array", value);
        }
        return value;
    }

    /** An array of strings, empty when absent and optional. */
    public static List<String> strings(JsonNode object, String key, String path, boolean required) {
        JsonNode value = object.path(key);
        if (absent(value) && !required) {
            return List.of();
        }
        String here = path + "." + key;
        if (!value.isArray()) {
            throw expected(here, "array", value);
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw expected(here + "." + i, "string", value.get(i));
            }
            strings.add(value.get(i).asText());
        }
        return strings;
    }

    public static Boolean bool(JsonNode object, String key, String path) {
        JsonNode value = object.path(key);
        if (absent(value)) {
            return null;
        }
        if (!value.isBoolean()) {
            throw expected(path + "." + key, "boolean", value);
        }
        return value.asBoolean();
    }

    /** Free metadata: an object whose keys may not start with {@code _} (reserved, as in Elasticsearch). */
    public static Map<String, Object> metadata(JsonNode object, String path) {
        JsonNode value = object.path("metadata");
        if (absent(value)) {
            return Map.of();
        }
        JsonNode metadata = object(value, path + ".metadata", true);
        for (Iterator<String> names = metadata.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("_")) {
                throw invalid(path + ".metadata." + name, "metadata keys may not start with [_]");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = PLAIN.convertValue(metadata, LinkedHashMap.class);
        return map;
    }

    /**
     * Elasticsearch's rule for user, role and API key names: 1 to 507 printable ASCII characters,
     * no leading or trailing space.
     */
    public static String name(String value, String what) {
        boolean printable = value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (value.isEmpty() || value.length() > 507 || !printable || !value.strip().equals(value)) {
            throw new Rejection(400, "Invalid " + what + " [" + value + "]: a name must be 1 to 507 printable "
                    + "ASCII characters without leading or trailing whitespace");
        }
        return value;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private static Rejection expected(String path, String type, JsonNode got) {
        return invalid(path, "expected value of type [" + type + "] but got [" + typeOf(got) + "]");
    }

    private static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "undefined";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "Array" : "Object";
    }
}
