package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a create request into the rule the API returns: validated as Kibana validates it, with
 * Kibana's defaults filled in and its computed fields set. Fields the API does not know are
 * dropped, as Kibana's schema drops them.
 */
public final class RuleFactory {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    private static final List<String> QUERY_LANGUAGES = List.of("kuery", "lucene");
    private static final List<String> STRING_ARRAYS = List.of("tags", "author", "false_positives", "references");
    private static final List<String> ARRAYS = List.of("threat", "exceptions_list", "actions", "risk_score_mapping",
            "severity_mapping", "related_integrations", "required_fields", "response_actions");
    private static final List<String> STRINGS = List.of("interval", "from", "to", "setup", "note", "license",
            "timestamp_override", "building_block_type", "rule_name_override", "timeline_id", "timeline_title",
            "namespace", "output_index", "throttle");
    /** Optional fields every type keeps as given, and leaves out when not given. */
    private static final List<String> OPTIONAL = List.of("note", "license", "meta", "timestamp_override",
            "timestamp_override_fallback_disabled", "building_block_type", "investigation_fields", "alert_suppression",
            "rule_name_override", "timeline_id", "timeline_title", "namespace", "response_actions");
    private static final Map<String, JsonNode> DEFAULTS = Map.ofEntries(
            Map.entry("enabled", BooleanNode.TRUE), Map.entry("interval", TextNode.valueOf("5m")),
            Map.entry("from", TextNode.valueOf("now-6m")), Map.entry("to", TextNode.valueOf("now")),
            Map.entry("max_signals", IntNode.valueOf(100)), Map.entry("version", IntNode.valueOf(1)),
            Map.entry("setup", TextNode.valueOf("")), Map.entry("output_index", TextNode.valueOf("")));
    private static final List<String> EMPTY_ARRAY_DEFAULTS = List.of("tags", "threat", "exceptions_list", "actions",
            "author", "false_positives", "references", "risk_score_mapping", "severity_mapping",
            "related_integrations", "required_fields");

    private RuleFactory() {
    }

    /** A new rule from a create request; throws {@link ApiException} with Kibana's message if it is invalid. */
    public static ObjectNode create(JsonNode body, UUID id, String user, Instant now) {
        RuleType type = validate(body);
        ObjectNode rule = JSON.objectNode();
        rule.put("id", id.toString());
        rule.put("rule_id", body.hasNonNull("rule_id") ? body.get("rule_id").asText() : UUID.randomUUID().toString());
        for (String field : List.of("name", "description", "risk_score", "severity")) {
            rule.set(field, body.get(field));
        }
        rule.put("type", type.apiName());
        DEFAULTS.forEach((field, value) -> rule.set(field, body.has(field) ? body.get(field) : value));
        EMPTY_ARRAY_DEFAULTS.forEach(field -> rule.set(field, body.has(field) ? body.get(field) : JSON.arrayNode()));
        OPTIONAL.forEach(field -> copy(body, rule, field));
        rule.set("actions", actionsWithFrequency(rule.withArray("actions"), body.path("throttle").asText(null)));
        rule.put("immutable", false);
        rule.putObject("rule_source").put("type", "internal");
        rule.put("revision", 0);
        typeSpecific(body, rule, type);
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS));
        rule.put("created_at", timestamp);
        rule.put("created_by", user);
        rule.put("updated_at", timestamp);
        rule.put("updated_by", user);
        return rule;
    }

    private static RuleType validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.platform(400, "[request body]: Expected object, received " + JsonFields.received(body));
        }
        Problems problems = new Problems();
        RuleType type = null;
        if (!body.has("type")) {
            problems.add("type", "Required");
        } else if (!body.get("type").isTextual() || RuleType.of(body.get("type").asText()).isEmpty()) {
            problems.add("type", "Invalid discriminator value. Expected " + JsonFields.quoted(RuleType.NAMES));
        } else {
            type = RuleType.of(body.get("type").asText()).orElseThrow();
        }
        required(body, "name", problems, () -> JsonFields.string(body, "name", true, problems));
        required(body, "description", problems, () -> JsonFields.string(body, "description", true, problems));
        required(body, "risk_score", problems, () -> JsonFields.integer(body, "risk_score", 0L, 100L, problems));
        required(body, "severity", problems, () -> JsonFields.oneOf(body, "severity", SEVERITIES, problems));
        optional(body, "rule_id", () -> JsonFields.string(body, "rule_id", true, problems));
        optional(body, "enabled", () -> JsonFields.bool(body, "enabled", problems));
        optional(body, "timestamp_override_fallback_disabled",
                () -> JsonFields.bool(body, "timestamp_override_fallback_disabled", problems));
        optional(body, "max_signals", () -> JsonFields.integer(body, "max_signals", 1L, null, problems));
        optional(body, "version", () -> JsonFields.integer(body, "version", 1L, null, problems));
        optional(body, "meta", () -> JsonFields.object(body, "meta", problems));
        optional(body, "alert_suppression", () -> JsonFields.object(body, "alert_suppression", problems));
        optional(body, "investigation_fields", () -> investigationFields(body, problems));
        STRINGS.forEach(field -> optional(body, field, () -> JsonFields.string(body, field, false, problems)));
        STRING_ARRAYS.forEach(field -> optional(body, field, () -> JsonFields.stringArray(body, field, problems)));
        ARRAYS.forEach(field -> optional(body, field, () -> JsonFields.array(body, field, problems)));
        if (type != null) {
            validateTypeSpecific(body, type, problems);
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        validateExceptionLists(body);
        validateThresholdCardinality(body);
        return type;
    }

    private static void validateTypeSpecific(JsonNode body, RuleType type, Problems problems) {
        for (String field : type.required()) {
            if (!body.has(field)) {
                problems.add(field, "Required");
            }
        }
        for (String field : List.of("query", "saved_id", "threat_query", "history_window_start", "data_view_id",
                "event_category_override", "tiebreaker_field", "timestamp_field", "threat_indicator_path")) {
            if (isTypeField(type, field)) {
                optional(body, field, () -> JsonFields.string(body, field, field.equals("history_window_start")
                        || field.equals("saved_id"), problems));
            }
        }
        for (String field : List.of("index", "threat_index", "new_terms_fields")) {
            if (isTypeField(type, field)) {
                optional(body, field, () -> JsonFields.stringArray(body, field, problems));
            }
        }
        for (String field : List.of("filters", "threat_filters", "threat_mapping")) {
            if (isTypeField(type, field)) {
                optional(body, field, () -> JsonFields.array(body, field, problems));
            }
        }
        if (isTypeField(type, "language")) {
            List<String> languages = switch (type) {
                case EQL -> List.of("eql");
                case ESQL -> List.of("esql");
                default -> QUERY_LANGUAGES;
            };
            optional(body, "language", () -> JsonFields.oneOf(body, "language", languages, problems));
        }
        if (isTypeField(type, "threat_language")) {
            optional(body, "threat_language", () -> JsonFields.oneOf(body, "threat_language", QUERY_LANGUAGES, problems));
        }
        for (String field : List.of("concurrent_searches", "items_per_search")) {
            if (isTypeField(type, field)) {
                optional(body, field, () -> JsonFields.integer(body, field, 1L, null, problems));
            }
        }
        if (type == RuleType.THREAT_MATCH && body.path("threat_mapping").isArray() && body.get("threat_mapping").isEmpty()) {
            problems.add("threat_mapping", "Array must contain at least 1 element(s)");
        }
        if (type == RuleType.NEW_TERMS && body.path("new_terms_fields").isArray()) {
            int count = body.get("new_terms_fields").size();
            if (count < 1) {
                problems.add("new_terms_fields", "Array must contain at least 1 element(s)");
            } else if (count > 3) {
                problems.add("new_terms_fields", "Array must contain at most 3 element(s)");
            }
        }
        if (type == RuleType.MACHINE_LEARNING) {
            optional(body, "anomaly_threshold", () -> JsonFields.integer(body, "anomaly_threshold", 0L, 100L, problems));
            JsonNode jobId = body.get("machine_learning_job_id");
            if (jobId != null && !(jobId.isTextual() && !jobId.asText().isEmpty())
                    && !(jobId.isArray() && !jobId.isEmpty())) {
                problems.add("machine_learning_job_id", "Expected a non-empty string or array of strings");
            }
        }
        if (type == RuleType.THRESHOLD && body.has("threshold")) {
            threshold(body, problems);
        }
    }

    private static boolean isTypeField(RuleType type, String field) {
        return type.required().contains(field) || type.optional().contains(field);
    }

    private static void threshold(JsonNode body, Problems problems) {
        if (!JsonFields.object(body, "threshold", problems)) {
            return;
        }
        JsonNode threshold = body.get("threshold");
        JsonNode field = threshold.get("field");
        if (field == null) {
            problems.add("threshold.field", "Required");
        } else if (field.isArray() && field.size() > 5) {
            problems.add("threshold.field", "Array must contain at most 5 element(s)");
        } else if (!field.isTextual() && !field.isArray()) {
            problems.add("threshold.field", "Expected string, received " + JsonFields.received(field));
        }
        JsonNode value = threshold.get("value");
        if (value == null) {
            problems.add("threshold.value", "Required");
        } else if (!value.isIntegralNumber()) {
            problems.add("threshold.value", "Expected number, received " + JsonFields.received(value));
        } else if (value.asLong() < 1) {
            problems.add("threshold.value", "Number must be greater than or equal to 1");
        }
    }

    /** A field that is being grouped on always has a cardinality of one: Kibana refuses it, with an array message. */
    private static void validateThresholdCardinality(JsonNode body) {
        JsonNode threshold = body.path("threshold");
        JsonNode cardinality = threshold.path("cardinality");
        if (!cardinality.isArray() || cardinality.isEmpty()) {
            return;
        }
        JsonNode groupBy = threshold.path("field");
        List<String> fields = groupBy.isArray()
                ? java.util.stream.StreamSupport.stream(groupBy.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(groupBy.asText());
        for (JsonNode entry : cardinality) {
            if (fields.contains(entry.path("field").asText())) {
                throw ApiException.siem(400, List.of("Cardinality of a field that is being aggregated on is always 1"));
            }
        }
    }

    private static void validateExceptionLists(JsonNode body) {
        long defaults = 0;
        for (JsonNode list : body.path("exceptions_list")) {
            if ("rule_default".equals(list.path("type").asText())) {
                defaults++;
            }
        }
        if (defaults > 1) {
            throw ApiException.siem(500, "More than one default exception list found on rule");
        }
    }

    private static boolean investigationFields(JsonNode body, Problems problems) {
        if (!JsonFields.object(body, "investigation_fields", problems)) {
            return false;
        }
        JsonNode names = body.get("investigation_fields").get("field_names");
        if (names == null) {
            problems.add("investigation_fields.field_names", "Required");
            return false;
        }
        if (!names.isArray() || names.isEmpty()) {
            problems.add("investigation_fields.field_names", names.isArray()
                    ? "Array must contain at least 1 element(s)" : "Expected array, received " + JsonFields.received(names));
            return false;
        }
        return true;
    }

    private static void typeSpecific(JsonNode body, ObjectNode rule, RuleType type) {
        for (String field : type.required()) {
            rule.set(field, body.get(field));
        }
        for (String field : type.optional()) {
            copy(body, rule, field);
        }
        if (type.defaultLanguage() != null && !rule.has("language")) {
            rule.put("language", type.defaultLanguage());
        }
        if ((type == RuleType.QUERY || type == RuleType.SAVED_QUERY) && !rule.has("query")) {
            rule.put("query", "");
        }
        if (type == RuleType.MACHINE_LEARNING && rule.get("machine_learning_job_id").isTextual()) {
            rule.set("machine_learning_job_id", JSON.arrayNode().add(rule.get("machine_learning_job_id").asText()));
        }
    }

    /**
     * Each action carries its own notification frequency: when a request leaves it out, it comes
     * from the rule's (deprecated) throttle, which is then not kept on the rule.
     */
    private static ArrayNode actionsWithFrequency(ArrayNode actions, String throttle) {
        boolean perInterval = throttle != null && throttle.matches("[1-9]\\d*[smhd]");
        for (JsonNode action : actions) {
            if (!(action instanceof ObjectNode object)) {
                continue;
            }
            if (!object.has("uuid")) {
                object.put("uuid", UUID.randomUUID().toString());
            }
            if (!object.has("frequency")) {
                ObjectNode frequency = object.putObject("frequency");
                frequency.put("summary", true);
                if (perInterval) {
                    frequency.put("throttle", throttle);
                    frequency.put("notifyWhen", "onThrottleInterval");
                } else {
                    frequency.putNull("throttle");
                    frequency.put("notifyWhen", "onActiveAlert");
                }
            }
        }
        return actions;
    }

    private static void required(JsonNode body, String field, Problems problems, Runnable check) {
        if (!body.has(field)) {
            problems.add(field, "Required");
        } else {
            check.run();
        }
    }

    private static void optional(JsonNode body, String field, Runnable check) {
        if (body.has(field) && !body.get(field).isNull()) {
            check.run();
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field) && !from.get(field).isNull()) {
            to.set(field, from.get(field));
        }
    }
}
