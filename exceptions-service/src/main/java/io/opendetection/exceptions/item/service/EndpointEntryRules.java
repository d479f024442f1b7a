package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Kibana allows in the entries of an item of an {@code endpoint} list, on top of the rules
 * for every item: only {@code match}, {@code match_any}, {@code wildcard} and {@code nested}
 * entries (a nested one holding match and match_any only), every operator {@code included}, and
 * none on the fields the Endpoint manages itself. Kibana checks this with an io-ts union, so its
 * 400 lists what each alternative found wrong, once each, as {@code Invalid value "v" supplied
 * to "key"}; these messages are built the same way.
 */
public final class EndpointEntryRules {
    /** Kibana's endpointDisallowedFields. */
    static final List<String> DISALLOWED_FIELDS = List.of("file.Ext.quarantine_path", "file.Ext.quarantine_result",
            "process.entity_id", "process.parent.entity_id", "process.ancestry");
    private static final List<String> ENTRY_TYPES = List.of("match", "match_any", "wildcard", "nested");
    private static final List<String> NESTED_ENTRY_TYPES = List.of("match", "match_any");

    private EndpointEntryRules() {
    }

    /** The 400 Kibana answers an endpoint item with these (otherwise valid) entries with; null when they are allowed. */
    public static ApiException problem(JsonNode entries) {
        List<String> invalid = invalidValues(entries);
        if (!invalid.isEmpty()) {
            return ApiException.siem(400, invalid);
        }
        for (JsonNode entry : entries) {
            String field = entry.path("field").asText();
            if (DISALLOWED_FIELDS.contains(field)) {
                return ApiException.badRequest("cannot add endpoint exception item on field " + field);
            }
        }
        return null;
    }

    /** Kibana's nonEmptyEndpointEntriesArray, its errors formatted and de-duplicated as Kibana's formatErrors does. */
    static List<String> invalidValues(JsonNode entries) {
        if (entries.isEmpty()) {
            return List.of(invalid(entries, "NonEmptyEndpointEntriesArray"));
        }
        Set<String> messages = new LinkedHashSet<>();
        entries.forEach(entry -> messages.addAll(unionErrors(entry, ENTRY_TYPES, "")));
        return List.copyOf(messages);
    }

    /** None when one alternative accepts the entry; otherwise every alternative's errors, in order. */
    private static List<String> unionErrors(JsonNode entry, List<String> alternatives, String keys) {
        List<String> errors = new ArrayList<>();
        for (String alternative : alternatives) {
            List<String> own = alternativeErrors(alternative, entry, keys);
            if (own.isEmpty()) {
                return List.of();
            }
            errors.addAll(own);
        }
        return errors;
    }

    // Each alternative checks its properties in the order Kibana's type declares them.
    private static List<String> alternativeErrors(String type, JsonNode entry, String keys) {
        List<String> errors = new ArrayList<>();
        if (type.equals("nested")) {
            JsonNode inner = entry.get("entries");
            if (inner == null || !inner.isArray() || inner.isEmpty()) {
                errors.add(invalid(inner, keys + "entries"));
            } else {
                inner.forEach(nested -> errors.addAll(unionErrors(nested, NESTED_ENTRY_TYPES, keys + "entries,")));
            }
            nonEmptyString(entry, "field", keys, errors);
            literal(entry, "type", type, keys, errors);
            return errors;
        }
        nonEmptyString(entry, "field", keys, errors);
        literal(entry, "operator", "included", keys, errors);
        literal(entry, "type", type, keys, errors);
        if (type.equals("match_any")) {
            JsonNode value = entry.get("value");
            boolean strings = value != null && value.isArray() && !value.isEmpty();
            if (strings) {
                for (JsonNode element : value) {
                    strings &= element.isTextual() && !element.asText().isEmpty();
                }
            }
            if (!strings) {
                errors.add(invalid(value, keys + "value"));
            }
        } else {
            nonEmptyString(entry, "value", keys, errors);
        }
        return errors;
    }

    private static void nonEmptyString(JsonNode entry, String key, String keys, List<String> errors) {
        JsonNode value = entry.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(invalid(value, keys + key));
        }
    }

    private static void literal(JsonNode entry, String key, String expected, String keys, List<String> errors) {
        JsonNode value = entry.get(key);
        if (value == null || !expected.equals(value.asText(null))) {
            errors.add(invalid(value, keys + key));
        }
    }

    /** JavaScript's rendering of the value: objects and arrays as JSON, a missing one as undefined. */
    private static String invalid(JsonNode value, String suppliedTo) {
        String shown = value == null || value.isMissingNode() ? "undefined"
                : value.isContainerNode() ? value.toString() : value.asText();
        return "Invalid value \"" + shown + "\" supplied to \"" + suppliedTo + "\"";
    }
}
