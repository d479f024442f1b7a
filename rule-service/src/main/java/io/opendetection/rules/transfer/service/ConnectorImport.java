package io.opendetection.rules.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule import does with action connectors, decided as Kibana's importRuleActionConnectors
 * decides it: only connectors the file's rules reference matter; without
 * {@code overwrite_action_connectors} the ones already stored are kept and those neither stored nor
 * in the file are an error; with it, the file's connectors replace the stored ones and a file
 * without any is an error for every referenced connector. Any error stops the rules' import.
 */
public final class ConnectorImport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConnectorImport() {
    }

    /** The connectors to store (secrets removed), and the errors and warnings the answer reports. */
    public record Plan(List<ObjectNode> toStore, ArrayNode errors, ArrayNode warnings) {
    }

    /**
     * @param referenced connector id to the rule_ids of the file's rules whose actions use it, in file order
     * @param inFile     the file's connector lines by id
     * @param stored     the referenced connectors the space already has
     */
    public static Plan plan(Map<String, Set<String>> referenced, Map<String, ObjectNode> inFile, Set<String> stored,
                            boolean overwrite) {
        if (referenced.isEmpty()) {
            return nothing();
        }
        if (overwrite && inFile.isEmpty()) {
            return failed(List.copyOf(referenced.keySet()), referenced);
        }
        List<ObjectNode> toImport = new ArrayList<>(inFile.values());
        if (!overwrite) {
            List<String> newIds = referenced.keySet().stream().filter(id -> !stored.contains(id)).toList();
            // Kibana compares counts, not ids: a file with as many connectors as new ids passes.
            if (inFile.size() < newIds.size()) {
                return failed(newIds.stream().filter(id -> !inFile.containsKey(id)).toList(), referenced);
            }
            toImport = toImport.stream().filter(connector -> newIds.contains(connector.path("id").asText())).toList();
        }
        if (toImport.isEmpty()) {
            return nothing();
        }
        ArrayNode warnings = JSON.arrayNode();
        long missingSecrets = toImport.stream()
                .filter(connector -> connector.path("attributes").path("isMissingSecrets").asBoolean(false)).count();
        if (missingSecrets > 0) {
            warnings.addObject().put("type", "action_required")
                    .put("message", missingSecrets + (missingSecrets == 1 ? " connector has" : " connectors have")
                            + " sensitive information that require updates.")
                    .put("actionPath", "/app/management/insightsAndAlerting/triggersActionsConnectors")
                    .put("buttonLabel", "Go to connectors");
        }
        return new Plan(toImport.stream().map(ConnectorImport::withoutSecrets).toList(), JSON.arrayNode(), warnings);
    }

    /** A connector as kept: what Kibana exports, never its secrets. */
    static ObjectNode withoutSecrets(ObjectNode connector) {
        ObjectNode kept = connector.deepCopy();
        if (kept.get("attributes") instanceof ObjectNode attributes) {
            attributes.putObject("secrets");
        }
        return kept;
    }

    private static Plan nothing() {
        return new Plan(List.of(), JSON.arrayNode(), JSON.arrayNode());
    }

    /** Kibana's one error for all the missing connectors, naming them and the rules that use them. */
    private static Plan failed(List<String> missing, Map<String, Set<String>> referenced) {
        Set<String> ruleIds = new LinkedHashSet<>();
        missing.forEach(id -> ruleIds.addAll(referenced.getOrDefault(id, Set.of())));
        String what = missing.size() > 1 ? " connectors are missing. Connector ids missing are: "
                : " connector is missing. Connector id missing is: ";
        ObjectNode error = JSON.objectNode().put("id", String.join(",", missing)).put("rule_id", String.join(",", ruleIds));
        error.putObject("error").put("status_code", 404).put("message", missing.size() + what + String.join(", ", missing));
        ArrayNode errors = JSON.arrayNode().add(error);
        return new Plan(List.of(), errors, JSON.arrayNode());
    }

    /** The ids of the connectors a rule line's actions use. */
    static List<String> connectorIds(JsonNode rule) {
        List<String> ids = new ArrayList<>();
        for (JsonNode action : rule.path("actions")) {
            if (action.path("id").isTextual()) {
                ids.add(action.get("id").asText());
            }
        }
        return ids;
    }
}
