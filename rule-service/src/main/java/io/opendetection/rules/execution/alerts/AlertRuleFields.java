package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kibana.alert.rule.*} fields that every alert of one run shares, built the first time
 * the run raises an alert and then only added to each. A rule's parameters and its other objects
 * and arrays (threat, references, investigation fields…) are often most of an alert's bytes:
 * they are kept serialised, as raw JSON with its UTF-8 bytes, so that 10,000 alerts do not walk
 * and encode the same trees 10,000 times. Nothing reads these fields back from a built alert.
 */
public final class AlertRuleFields {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Rule fields that are not rule parameters (they live on the rule saved object itself). */
    private static final Set<String> NOT_PARAMETERS = Set.of("id", "name", "enabled", "tags", "interval", "actions",
            "throttle", "created_at", "created_by", "updated_at", "updated_by", "revision", "execution_summary",
            "response_actions");
    /** The rule's fields copied to {@code kibana.alert.rule.<field>}. */
    private static final List<String> RULE_FIELDS = List.of("actions", "author", "created_at", "created_by",
            "description", "enabled", "exceptions_list", "false_positives", "from", "immutable", "interval", "license",
            "max_signals", "namespace", "note", "references", "risk_score_mapping", "rule_id", "rule_name_override",
            "severity_mapping", "tags", "threat", "throttle", "timeline_id", "timeline_title", "timestamp_override",
            "to", "type", "updated_at", "updated_by", "version", "building_block_type", "investigation_fields");
    private static final Map<String, String> RULE_TYPE_IDS = Map.of("query", "siem.queryRule",
            "saved_query", "siem.savedQueryRule", "threshold", "siem.thresholdRule", "threat_match",
            "siem.indicatorRule", "new_terms", "siem.newTermsRule", "esql", "siem.esqlRule", "machine_learning",
            "siem.mlRule", "eql", "siem.eqlRule");

    private final JsonNode rule;
    private final List<String> indices;
    private volatile ObjectNode fields;

    /** @param indices the index patterns the run searches ({@code kibana.alert.rule.indices}) */
    public AlertRuleFields(JsonNode rule, List<String> indices) {
        this.rule = rule;
        this.indices = indices;
    }

    /** The fields, in the order Kibana writes them; shared, so never to be changed. */
    ObjectNode fields() {
        ObjectNode built = fields;
        if (built == null) {
            built = build();
            fields = built; // two threads may both build it: the same fields either way
        }
        return built;
    }

    private ObjectNode build() {
        ObjectNode block = JSON.objectNode();
        block.put("kibana.alert.rule.consumer", "siem");
        block.put("kibana.alert.rule.producer", "siem");
        block.put("kibana.alert.rule.category", category(rule.path("type").asText()));
        block.put("kibana.alert.rule.rule_type_id", RULE_TYPE_IDS.getOrDefault(rule.path("type").asText(), "siem.queryRule"));
        block.put("kibana.alert.rule.revision", rule.path("revision").asInt(0));
        block.put("kibana.alert.rule.severity", rule.path("severity").asText());
        block.put("kibana.alert.rule.risk_score", rule.path("risk_score").asInt());
        for (String field : RULE_FIELDS) {
            if (rule.has(field)) {
                put(block, "kibana.alert.rule." + field, rule.get(field));
            }
        }
        put(block, "kibana.alert.rule.indices", JSON.arrayNode().addAll(indices.stream().map(JSON::textNode).toList()));
        ObjectNode parameters = JSON.objectNode();
        rule.fields().forEachRemaining(entry -> {
            if (!NOT_PARAMETERS.contains(entry.getKey())) {
                parameters.set(entry.getKey(), entry.getValue());
            }
        });
        put(block, "kibana.alert.rule.parameters", parameters);
        if (rule.has("meta") && rule.get("meta").isObject()) {
            AlertBuilder.flatten("kibana.alert.rule.meta", (ObjectNode) rule.get("meta"), block);
        }
        return block;
    }

    /** Objects and arrays go in serialised; a scalar is as cheap to write as its raw text. */
    private static void put(ObjectNode block, String field, JsonNode value) {
        if (value.isContainerNode()) {
            block.putRawValue(field, new RawValue(new SerializedString(value.toString())));
        } else {
            block.set(field, value);
        }
    }

    private static String category(String type) {
        return switch (type) {
            case "saved_query" -> "Saved Query Rule";
            case "threshold" -> "Threshold Rule";
            case "threat_match" -> "Indicator Match Rule";
            case "new_terms" -> "New Terms Rule";
            case "esql" -> "ES|QL Rule";
            case "machine_learning" -> "Machine Learning Rule";
            case "eql" -> "Event Correlation Rule";
            default -> "Custom Query Rule";
        };
    }
}
