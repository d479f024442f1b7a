package io.opendetection.rules.execution.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a rule may search, given the index privileges of its last editor (ENGINE.md
 * §2.3, with the editor's snapshot in place of Kibana's API key): the rule's index patterns it
 * may read, the indicator patterns of a threat_match rule it may read, and the patterns it may
 * not. Exclusions ({@code -pattern}) read nothing and stay. An ES|QL query cannot be narrowed, so
 * one unreadable source stops it whole; machine-learning rules read no index of theirs.
 *
 * @param searchable whether the run searches at all: a readable pattern is left on every side
 */
public record ReadableIndices(List<String> indices, List<String> threatIndices, List<String> unreadable,
                              boolean searchable) {
    /** Kibana's wording (security_solution rule_types/utils {@code hasReadIndexPrivileges}). */
    static final String MISSING_READ =
            "This rule may not have the required read privileges to the following index patterns: ";

    public static ReadableIndices check(JsonNode rule, List<String> indices, List<String> threatIndices,
                                        JsonNode layers) {
        String type = rule.path("type").asText();
        List<String> unreadable = new ArrayList<>();
        if ("machine_learning".equals(type)) {
            return new ReadableIndices(indices, threatIndices, unreadable, true);
        }
        if ("esql".equals(type)) {
            readable(EsqlSources.of(rule.path("query").asText()), layers, unreadable);
            return new ReadableIndices(indices, threatIndices, unreadable, unreadable.isEmpty());
        }
        boolean threats = "threat_match".equals(type);
        List<String> readable = readable(indices, layers, unreadable);
        List<String> readableThreats = threats ? readable(threatIndices, layers, unreadable) : threatIndices;
        boolean searchable = unreadable.isEmpty()
                || (readsSomething(readable) && (!threats || readsSomething(readableThreats)));
        return new ReadableIndices(readable, readableThreats, unreadable, searchable);
    }

    /**
     * The partial-failure message naming the unreadable patterns, as Kibana's does, and the user
     * whose privileges the rule runs with; empty when every pattern is readable.
     */
    public Optional<String> warning(String editor) {
        if (unreadable.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        unreadable.forEach(names::add);
        String who = editor == null ? "" : " (it runs with the privileges of \"" + editor + "\", who last edited it)";
        return Optional.of(MISSING_READ + names + who);
    }

    private static List<String> readable(List<String> patterns, JsonNode layers, List<String> unreadable) {
        List<String> readable = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.startsWith("-") || ReadPrivileges.canRead(layers, pattern)) {
                readable.add(pattern);
            } else if (!unreadable.contains(pattern)) {
                unreadable.add(pattern);
            }
        }
        return readable;
    }

    private static boolean readsSomething(List<String> patterns) {
        return patterns.stream().anyMatch(pattern -> !pattern.startsWith("-"));
    }
}
