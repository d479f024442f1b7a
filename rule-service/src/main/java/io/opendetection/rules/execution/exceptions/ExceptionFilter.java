package io.opendetection.rules.execution.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exception items as one Elasticsearch clause that matches the events to leave out (ENGINE.md
 * §11, Kibana's {@code buildExceptionFilter}): items are OR-ed, the entries of an item AND-ed;
 * the rule query takes it as {@code must_not}. Items past their {@code expire_time} are skipped.
 *
 * <p>A value-list entry becomes a clause over the list's values, which the executor has read
 * from lists-service beforehand (Kibana inlines small lists the same way, as {@code terms}; we do it
 * for lists of any size up to a configured limit, for every rule type). An item whose list could
 * not be used is left out whole, because leaving out only the entry would widen the item and hide
 * events it should not, and the execution carries a warning that names the list.
 */
public final class ExceptionFilter {
    /** Elasticsearch's default {@code index.max_terms_count}: the most values one terms query may hold. */
    public static final int TERMS_PER_QUERY = 65_536;
    private static final Pattern NUMBER_RANGE = Pattern.compile("(-?[^-]+)-(-?[^-]+)");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * @param clause   what the rule's query must not match, empty when no item applies
     * @param warnings why items were left out, one per value list
     */
    public record Built(Optional<ObjectNode> clause, List<String> warnings) {
    }

    private ExceptionFilter() {
    }

    /** The ids of the value lists the items in force name: what to read before {@link #build}. */
    public static Set<String> valueLists(List<JsonNode> items, Instant startedAt) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!expired(item, startedAt)) {
                collectLists(item.path("entries"), ids);
            }
        }
        return ids;
    }

    /**
     * @param lists the values of the lists {@link #valueLists} named, by list id; a list missing
     *              here could not be read, and the items naming it are left out
     */
    public static Built build(List<JsonNode> items, Instant startedAt, Map<String, ValueListValues> lists) {
        List<ObjectNode> clauses = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (expired(item, startedAt)) {
                continue;
            }
            Optional<String> unusable = unusableList(item.path("entries"), lists);
            if (unusable.isPresent()) {
                warnings.add(unusable.get());
                continue;
            }
            ObjectNode clause = item(item, lists);
            if (clause != null) {
                clauses.add(clause);
            }
        }
        if (clauses.isEmpty()) {
            return new Built(Optional.empty(), List.copyOf(warnings));
        }
        ObjectNode any = JSON.objectNode();
        ObjectNode bool = any.putObject("bool");
        ArrayNode should = bool.putArray("should");
        clauses.forEach(should::add);
        bool.put("minimum_should_match", 1);
        return new Built(Optional.of(any), List.copyOf(warnings));
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

    private static void collectLists(JsonNode entries, Set<String> ids) {
        for (JsonNode entry : entries) {
            if ("list".equals(entry.path("type").asText())) {
                ids.add(entry.path("list").path("id").asText());
            }
            collectLists(entry.path("entries"), ids);
        }
    }

    /** Why one of the item's value lists cannot be applied, if one cannot. */
    private static Optional<String> unusableList(JsonNode entries, Map<String, ValueListValues> lists) {
        for (JsonNode entry : entries) {
            if ("list".equals(entry.path("type").asText())) {
                String id = entry.path("list").path("id").asText();
                ValueListValues list = lists.get(id);
                if (list == null) {
                    return Optional.of("The value list \"" + id + "\" could not be read: the exception items that use it"
                            + " were not applied");
                }
                if (!list.complete()) {
                    return Optional.of("The value list \"" + id + "\" has more than " + list.values().size()
                            + " values, the most this executor applies: the exception items that use it were not applied");
                }
                if (List.of("geo_point", "geo_shape", "shape").contains(list.type())) {
                    return Optional.of("The value list \"" + id + "\" is of type " + list.type()
                            + ", which exceptions cannot match: the exception items that use it were not applied");
                }
            }
            Optional<String> inner = unusableList(entry.path("entries"), lists);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    /** One item: its entries AND-ed; with {@code os_types}, only on hosts of those systems. */
    private static ObjectNode item(JsonNode item, Map<String, ValueListValues> lists) {
        ArrayNode entries = JSON.arrayNode();
        for (JsonNode entry : item.path("entries")) {
            ObjectNode clause = entry(entry, "", lists);
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

    private static ObjectNode entry(JsonNode entry, String parent, Map<String, ValueListValues> lists) {
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
            case "nested" -> nested(entry, field, lists);
            case "list" -> list(field, lists.get(entry.path("list").path("id").asText()));
            default -> null;
        };
        if (clause == null || !"excluded".equals(entry.path("operator").asText())) {
            return clause;
        }
        ObjectNode not = JSON.objectNode();
        not.putObject("bool").set("must_not", clause);
        return not;
    }

    private static ObjectNode nested(JsonNode entry, String path, Map<String, ValueListValues> lists) {
        ArrayNode inner = JSON.arrayNode();
        for (JsonNode child : entry.path("entries")) {
            ObjectNode clause = entry(child, path + ".", lists);
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

    /**
     * The field's value is one of the list's: single values as {@code terms} (in chunks Elasticsearch
     * accepts; an ip field takes CIDR blocks there too), range values ({@code a-b}, dates {@code a,b})
     * as {@code range}. An empty list matches nothing.
     */
    private static ObjectNode list(String field, ValueListValues list) {
        List<String> singles = new ArrayList<>();
        List<ObjectNode> clauses = new ArrayList<>();
        for (String value : list.values()) {
            String[] bounds = rangeBounds(list.type(), value);
            if (bounds == null) {
                singles.add(value);
            } else {
                ObjectNode range = JSON.objectNode();
                range.putObject("range").putObject(field).put("gte", bounds[0]).put("lte", bounds[1]);
                clauses.add(range);
            }
        }
        for (int from = 0; from < singles.size(); from += TERMS_PER_QUERY) {
            ObjectNode terms = JSON.objectNode();
            ArrayNode values = terms.putObject("terms").putArray(field);
            singles.subList(from, Math.min(singles.size(), from + TERMS_PER_QUERY)).forEach(values::add);
            clauses.add(terms);
        }
        if (clauses.isEmpty()) {
            ObjectNode nothing = JSON.objectNode();
            nothing.putObject("bool").putObject("must_not").putObject("match_all");
            return nothing;
        }
        return should(clauses);
    }

    /** A range value's bounds as its list type writes them (lists-service's formats), else null. */
    private static String[] rangeBounds(String type, String value) {
        switch (type) {
            case "ip_range", "double_range", "float_range", "integer_range", "long_range" -> {
                Matcher range = NUMBER_RANGE.matcher(value);
                return range.matches() ? new String[]{range.group(1).strip(), range.group(2).strip()} : null;
            }
            case "date_range" -> {
                int comma = value.indexOf(',');
                return comma < 0 ? null : new String[]{value.substring(0, comma).strip(), value.substring(comma + 1).strip()};
            }
            default -> {
                return null;
            }
        }
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
