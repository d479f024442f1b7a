package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.rules.execution.RunContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Alert documents in Kibana's shape (ENGINE.md §12, {@code build_alert.ts}): the source event's
 * fields, its {@code event.*} kept as {@code kibana.alert.original_event.*}, and the
 * {@code kibana.alert.*} fields of the rule and the execution, flattened as Kibana writes them.
 */
public final class AlertBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final String KIBANA_VERSION = "8.19.0";
    private static final List<String> SEVERITY_ORDER = List.of("low", "medium", "high", "critical");

    private AlertBuilder() {
    }

    /** The alert of one matched event, with the id it gets from {@link AlertIds#forEvent}. */
    public static ObjectNode fromEvent(RunContext run, SourceEvent event, Instant intendedTimestamp) {
        String id = AlertIds.forEvent(event.index(), event.id(), event.version(), run.space(), run.ruleId());
        return build(run, id, event, event.source(), intendedTimestamp);
    }

    /**
     * An alert of {@code fields} (an event's source, or a synthetic document such as a threshold
     * bucket) with {@code ancestor} as its parent (null for none).
     */
    public static ObjectNode build(RunContext run, String id, SourceEvent ancestor, ObjectNode fields,
                                   Instant intendedTimestamp) {
        JsonNode rule = run.rule();
        ObjectNode alert = JSON.objectNode();
        ObjectNode originalEvent = JSON.objectNode();
        copySource(fields, alert, originalEvent);
        String now = Timestamps.now();
        alert.put("@timestamp", now);
        ObjectNode event = alert.has("event") && alert.get("event").isObject()
                ? (ObjectNode) alert.get("event") : alert.putObject("event");
        event.put("kind", "signal");
        flatten("kibana.alert.original_event", originalEvent, alert);

        alert.put("kibana.alert.uuid", id);
        alert.put("kibana.alert.status", "active");
        alert.put("kibana.alert.workflow_status", "open");
        alert.putArray("kibana.alert.workflow_tags");
        alert.putArray("kibana.alert.workflow_assignee_ids");
        alert.putArray("kibana.space_ids").add(run.space());
        alert.put("kibana.version", KIBANA_VERSION);
        alert.put("kibana.alert.start", now);
        alert.put("kibana.alert.last_detected", now);
        alert.put("kibana.alert.intended_timestamp", Timestamps.of(intendedTimestamp));
        alert.put("kibana.alert.rule.execution.uuid", run.executionId());
        alert.put("kibana.alert.rule.execution.type", run.executionType());
        alert.put("kibana.alert.rule.execution.timestamp", now);
        alert.putArray("kibana.alert.maintenance_window_ids");
        String originalTime = originalTime(fields, run);
        if (originalTime != null) {
            alert.put("kibana.alert.original_time", originalTime);
        }
        ancestry(alert, ancestor, fields);

        String severity = severity(rule, fields);
        int riskScore = riskScore(rule, fields);
        String name = ruleName(rule, fields);
        alert.put("kibana.alert.severity", severity);
        alert.put("kibana.alert.risk_score", riskScore);
        if (rule.hasNonNull("building_block_type")) {
            alert.set("kibana.alert.building_block_type", rule.get("building_block_type"));
        }
        alert.put("kibana.alert.reason", Reasons.forEvent(fields, name, severity));

        alert.put("kibana.alert.rule.uuid", run.ruleId());
        alert.put("kibana.alert.rule.name", name);
        alert.setAll(run.alertRuleFields().fields());
        return alert;
    }

    /** The source's fields, minus what an alert of it must not inherit; its {@code event.*} collected apart. */
    private static void copySource(ObjectNode fields, ObjectNode alert, ObjectNode originalEvent) {
        Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            if (key.equals("kibana") || key.startsWith("kibana.") || key.equals("signal") || key.startsWith("signal.")
                    || key.equals("threshold_result")) {
                continue;
            }
            if (key.equals("event") && entry.getValue().isObject()) {
                originalEvent.setAll((ObjectNode) entry.getValue().deepCopy());
                alert.set("event", entry.getValue().deepCopy());
            } else if (key.startsWith("event.")) {
                originalEvent.set(key.substring("event.".length()), entry.getValue());
                if (!key.equals("event.kind")) {
                    alert.set(key, entry.getValue());
                }
            } else {
                alert.set(key, entry.getValue());
            }
        }
    }

    /** {@code kibana.alert.ancestors} and {@code depth}: an alert of an alert is one level deeper. */
    private static void ancestry(ObjectNode alert, SourceEvent ancestor, ObjectNode fields) {
        ArrayNode ancestors = alert.putArray("kibana.alert.ancestors");
        JsonNode parents = fields.path("kibana.alert.ancestors");
        int parentDepth = 0;
        boolean parentIsAlert = fields.has("kibana.alert.uuid") || fields.has("kibana.alert.rule.uuid");
        if (parents.isArray()) {
            parents.forEach(ancestors::add);
        }
        if (parentIsAlert) {
            parentDepth = fields.path("kibana.alert.depth").asInt(1);
        }
        if (ancestor != null) {
            ObjectNode self = ancestors.addObject();
            self.put("id", ancestor.id());
            self.put("type", parentIsAlert ? "signal" : "event");
            self.put("index", ancestor.index());
            self.put("depth", parentDepth);
            if (parentIsAlert) {
                self.put("rule", fields.path("kibana.alert.rule.uuid").asText());
            }
        }
        alert.put("kibana.alert.depth", parentDepth + 1);
    }

    /** True when the source is an alert this rule raised (a rule never alerts on its own alerts). */
    public static boolean raisedBy(ObjectNode source, String ruleId) {
        for (JsonNode ancestor : Paths.raw(source, "kibana.alert.ancestors")) {
            if (ruleId.equals(ancestor.path("rule").asText())) {
                return true;
            }
        }
        return ruleId.equals(Paths.value(source, "kibana.alert.rule.uuid").asText(null));
    }

    private static String originalTime(ObjectNode fields, RunContext run) {
        for (String field : run.timestamps().all()) {
            JsonNode value = Paths.value(fields, field);
            if (value.isTextual()) {
                try {
                    return Timestamps.of(Instant.parse(value.asText()));
                } catch (DateTimeParseException e) {
                    try {
                        return Timestamps.of(java.time.OffsetDateTime.parse(value.asText()).toInstant());
                    } catch (DateTimeParseException again) {
                        return value.asText();
                    }
                }
            } else if (value.isNumber()) {
                return Timestamps.of(Instant.ofEpochMilli(value.asLong()));
            }
        }
        return null;
    }

    /** {@code severity_mapping}: the highest severity whose field value equals the mapped value. */
    static String severity(JsonNode rule, ObjectNode fields) {
        String severity = rule.path("severity").asText();
        int best = -1;
        for (JsonNode mapping : rule.path("severity_mapping")) {
            JsonNode value = Paths.raw(fields, mapping.path("field").asText());
            String expected = mapping.path("value").asText();
            boolean matches = value.isArray()
                    ? java.util.stream.StreamSupport.stream(value.spliterator(), false).anyMatch(v -> v.asText().equals(expected))
                    : !value.isMissingNode() && !value.isNull() && value.asText().equals(expected);
            int order = SEVERITY_ORDER.indexOf(mapping.path("severity").asText());
            if (matches && order > best) {
                best = order;
                severity = SEVERITY_ORDER.get(order);
            }
        }
        return severity;
    }

    /** {@code risk_score_mapping}: the event's own score, when it has one between 0 and 100. */
    static int riskScore(JsonNode rule, ObjectNode fields) {
        for (JsonNode mapping : rule.path("risk_score_mapping")) {
            JsonNode value = Paths.value(fields, mapping.path("field").asText());
            double score;
            if (value.isNumber()) {
                score = value.asDouble();
            } else if (value.isTextual()) {
                try {
                    score = Double.parseDouble(value.asText());
                } catch (NumberFormatException e) {
                    continue;
                }
            } else {
                continue;
            }
            if (score >= 0 && score <= 100) {
                return (int) Math.floor(score);
            }
        }
        return rule.path("risk_score").asInt();
    }

    /** {@code rule_name_override}: the event's value of that field, when it is a non-empty string. */
    static String ruleName(JsonNode rule, ObjectNode fields) {
        String override = rule.path("rule_name_override").asText("");
        if (!override.isEmpty()) {
            JsonNode value = Paths.value(fields, override);
            if (value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return rule.path("name").asText();
    }

    static void flatten(String prefix, ObjectNode object, ObjectNode into) {
        object.fields().forEachRemaining(entry -> {
            String key = prefix + "." + entry.getKey();
            if (entry.getValue().isObject()) {
                flatten(key, (ObjectNode) entry.getValue(), into);
            } else {
                into.set(key, entry.getValue());
            }
        });
    }
}
