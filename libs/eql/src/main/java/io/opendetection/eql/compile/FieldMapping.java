package io.opendetection.eql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What the indices say about each field, from a {@code _field_caps?fields=*} answer: its type, and
 * for a {@code text} field the {@code keyword} sub-field that exact matches go to (as Elasticsearch's
 * EQL does). A field the indices do not map is treated as a keyword that no event has.
 */
public final class FieldMapping {

    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long", "date", "date_nanos");
    private static final Set<String> EXACT_STRINGS = Set.of("keyword", "constant_keyword", "wildcard", "ip",
            "version");

    /** No mapping known: every field is taken as a keyword. */
    public static final FieldMapping NONE = new FieldMapping(Map.of(), Map.of());

    private final Map<String, String> types;
    private final Map<String, String> keywordSubfields;

    public FieldMapping(Map<String, String> types, Map<String, String> keywordSubfields) {
        this.types = Map.copyOf(types);
        this.keywordSubfields = Map.copyOf(keywordSubfields);
    }

    /** From the {@code fields} of a field_caps answer; a field with conflicting types keeps the first. */
    public static FieldMapping fromFieldCaps(JsonNode fieldCaps) {
        Map<String, String> types = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = fieldCaps.path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Iterator<String> typeNames = field.getValue().fieldNames();
            if (typeNames.hasNext()) {
                types.put(field.getKey(), typeNames.next());
            }
        }
        Map<String, String> keywords = new HashMap<>();
        types.forEach((name, type) -> {
            if (type.equals("text") && "keyword".equals(types.get(name + ".keyword"))) {
                keywords.put(name, name + ".keyword");
            }
        });
        return new FieldMapping(types, keywords);
    }

    String type(String field) {
        return types.getOrDefault(field, "keyword");
    }

    boolean numeric(String field) {
        return NUMERIC.contains(type(field));
    }

    boolean bool(String field) {
        return type(field).equals("boolean");
    }

    /** The field to match strings exactly against, or null when no indexed form holds the whole value. */
    String exactStringField(String field) {
        String type = type(field);
        if (EXACT_STRINGS.contains(type)) {
            return field;
        }
        return type.equals("text") ? keywordSubfields.get(field) : null;
    }

    boolean ip(String field) {
        return type(field).equals("ip");
    }
}
