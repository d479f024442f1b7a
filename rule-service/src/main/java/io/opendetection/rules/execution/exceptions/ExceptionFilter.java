package io.opendetection.rules.execution.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exception items as one Elasticsearch clause that matches the events to leave out (ENGINE.md
 * §11, Kibana's {@code buildExceptionFilter}): items are OR-ed, the entries of an item AND-ed;
 * the rule query takes it as {@code must_not}. Items past their {@code expire_time} are skipped.
 *
 * <p>Value-list entries need lists-service, which the executor cannot yet call without a user's
 * request: an item with a list entry is left out whole (leaving out only the entry would widen the
 * item and hide events it should not), and the execution carries a warning.
 */
public final class ExceptionFilter {
    public static final String VALUE_LISTS_NOT_APPLIED = "value list exceptions are not applied yet";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param clause       what the rule's query must not match, empty when no item applies
     * @param skippedLists items left out because they have value-list entries
     */
    public record Built(Optional<ObjectNode> clause, int skippedLists) {
        public List<String> warnings() {
            return skippedLists == 0 ? List.of() : List.of(VALUE_LISTS_NOT_APPLIED);
        }
    }

    private ExceptionFilter() {
    }

    public static Built build(List<JsonNode> items, Instant startedAt) {
        List<ObjectNode> clauses = new ArrayList<>();
        int skipped = 0;
        for (JsonNode item : items) {
            if (expired(item, startedAt)) {
                continue;
            }
            if (hasListEntry(item.path("entries"))) {
                skipped++;
                continue;
            }
            ObjectNode clause = item(item);
            if (clause != null) {
                clauses.add(clause);
            }
        }
        if (clauses.isEmpty()) {
            return new Built(Optional.empty(), skipped);
        }
        ObjectNode any = JSON.objectNode();
        ObjectNode bool = any.putObject("bool");
        ArrayNode should = bool.putArray("should");
        clauses.forEach(should::add);
        bool.put("minimum_should_match", 1);
        return new Built(Optional.of(any), skipped);
    }

    private static boolean expired(JsonNode item, Instant startedAt) {
        String expire = item.path("expire_time").asText(null);
        if (expire == null || expire.isEmpty()) {
            return false;
        }
        try {
            return Instant.parse(expire).isBefore(startedAt);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean hasListEntry(JsonNode entries) {
        for (JsonNode entry : entries) {
            if ("list".equals(entry.path("type").asText()) || hasListEntry(entry.path("entries"))) {
                return true;
            }
        }
        return false;
    }

    /** One item: its entries AND-ed; with {@code os_types}, only on hosts of those systems. */
    private static ObjectNode item(JsonNode item) {
        ArrayNode entries = JSON.arrayNode();
        for (JsonNode entry : item.path("entries")) {
            ObjectNode clause = entry(entry, "");
            if (clause != null) {
                entries.add(clause);
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        JsonNode osTypes = item.path("os_types");
        if (!osTypes.isArray() || osTypes.isEmpty()) {
            return filter(entries);
        }
        ArrayNode perOs = JSON.arrayNode();
        for (JsonNode os : osTypes) {
            for (String field : List.of("host.os.type", "host.os.name.caseless")) {
                ArrayNode withOs = JSON.arrayNode();
                withOs.add(matchPhrase(field, os));
                withOs.addAll(entries);
                perOs.add(filter(withOs));
            }
        }
        ObjectNode any = JSON.objectNode();
        any.putObject("bool").put("minimum_should_match", 1).set("should", perOs);
        return any;
    }

    private static ObjectNode entry(JsonNode entry, String parent) {
        String field = parent + entry.path("field").asText();
        String type = entry.path("type").asText();
        ObjectNode clause = switch (type) {
            case "match" -> should(List.of(matchPhrase(field, entry.path("value"))));
            case "match_any" -> {
                List<ObjectNode> phrases = new ArrayList<>();
                entry.path("value").forEach(value -> phrases.add(matchPhrase(field, value)));
                yield should(phrases);
            }
            case "wildcard" -> {
                ObjectNode wildcard = JSON.objectNode();
                wildcard.putObject("wildcard").set(field, entry.path("value"));
                ObjectNode bool = JSON.objectNode();
                bool.putObject("bool").set("filter", wildcard);
                yield bool;
            }
            case "exists" -> {
                ObjectNode exists = JSON.objectNode();
                exists.putObject("exists").put("field", field);
                yield should(List.of(exists));
            }
            case "nested" -> nested(entry, field);
            default -> null;
        };
        if (clause == null || !"excluded".equals(entry.path("operator").asText())) {
            return clause;
        }
        ObjectNode not = JSON.objectNode();
        not.putObject("bool").set("must_not", clause);
        return not;
    }

    private static ObjectNode nested(JsonNode entry, String path) {
        ArrayNode inner = JSON.arrayNode();
        for (JsonNode child : entry.path("entries")) {
            ObjectNode clause = entry(child, path + ".");
            if (clause != null) {
                inner.add(clause);
            }
        }
        ObjectNode nested = JSON.objectNode();
        ObjectNode body = nested.putObject("nested");
        body.put("path", path);
        body.set("query", filter(inner));
        body.put("score_mode", "none");
        return nested;
    }

    private static ObjectNode matchPhrase(String field, JsonNode value) {
        ObjectNode phrase = JSON.objectNode();
        phrase.putObject("match_phrase").set(field, value);
        return phrase;
    }

    private static ObjectNode should(List<ObjectNode> clauses) {
        ObjectNode bool = JSON.objectNode();
        ObjectNode body = bool.putObject("bool");
        body.putArray("should").addAll(clauses);
        body.put("minimum_should_match", 1);
        return bool;
    }

    private static ObjectNode filter(ArrayNode clauses) {
        ObjectNode bool = JSON.objectNode();
        bool.putObject("bool").set("filter", clauses);
        return bool;
    }
}
