package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.eql.Eql;
import io.opendetection.eql.parse.EqlSyntaxException;
import io.opendetection.kql.Kql;
import io.opendetection.kql.KqlSyntaxException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.opendetection.common.validation.Presence.NULLISH;
import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

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
            "severity_mapping", "related_integrations", "response_actions");
    private static final List<String> STRINGS = List.of("interval", "from", "to", "setup", "note", "license",
            "timestamp_override", "building_block_type", "rule_name_override", "timeline_id", "timeline_title",
            "namespace", "output_index", "throttle");
    /** Optional fields every type keeps as given, and leaves out when not given. */
    private static final List<String> OPTIONAL_FIELDS = List.of("note", "license", "meta", "timestamp_override",
            "timestamp_override_fallback_disabled", "building_block_type", "investigation_fields", "alert_suppression",
            "rule_name_override", "timeline_id", "timeline_title", "namespace", "response_actions");
    private static final Map<String, JsonNode> DEFAULTS = Map.ofEntries(
            Map.entry("enabled", BooleanNode.TRUE), Map.entry("interval", TextNode.valueOf("5m")),
            Map.entry("from", TextNode.valueOf("now-6m")), Map.entry("to", TextNode.valueOf("now")),
            Map.entry("max_signals", IntNode.valueOf(100)), Map.entry("version", IntNode.valueOf(1)),
            Map.entry("setup", TextNode.valueOf("")), Map.entry("output_index", TextNode.valueOf("")));
    /** What a request cannot set: the server's bookkeeping of the rule. */
    private static final List<String> SERVER_OWNED = List.of("id", "created_at", "created_by", "updated_at",
            "updated_by", "immutable", "rule_source", "revision", "execution_summary");
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
        OPTIONAL_FIELDS.forEach(field -> copy(body, rule, field));
        rule.set("actions", actionsWithFrequency(rule.withArray("actions"), body.path("throttle").asText(null)));
        rule.set("required_fields", EcsFields.withEcs(body.get("required_fields")));
        rule.put("immutable", false);
        rule.putObject("rule_source").put("type", "internal");
        rule.put("revision", 0);
        typeSpecific(body, rule, type);
        String timestamp = Timestamps.of(now);
        rule.put("created_at", timestamp);
        rule.put("created_by", user);
        rule.put("updated_at", timestamp);
        rule.put("updated_by", user);
        return rule;
    }

    /**
     * A PUT: the rule rebuilt from the request alone, so omitted fields go back to their defaults
     * or away, keeping what the server owns (id, rule_id, creation, origin). {@code version} stays
     * unless sent; {@code revision} moves only when something besides {@code enabled} changed.
     */
    public static ObjectNode replace(ObjectNode existing, JsonNode body, String user, Instant now) {
        ObjectNode request = requestObject(body);
        if (!request.hasNonNull("version")) {
            request.set("version", existing.get("version"));
        }
        return revised(existing, request, user, now);
    }

    /** A PATCH: the request's fields over the rule's own, validated as a whole rule. */
    public static ObjectNode patch(ObjectNode existing, JsonNode body, String user, Instant now) {
        ObjectNode merged = existing.deepCopy();
        merged.remove(SERVER_OWNED);
        requestObject(body).fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue()));
        if (body.has("query")) {
            // A patched EQL query is checked as a created one is: the executor never sees one it cannot run.
            validateEql(merged, RuleType.of(merged.path("type").asText()).orElse(null));
        }
        return revised(existing, merged, user, now);
    }

    /**
     * The rule as an import line describes it: a new rule (new id, created now by the importer)
     * that keeps the file's version and, for a rule exported as prebuilt, its origin.
     */
    public static ObjectNode imported(JsonNode line, UUID id, String user, Instant now) {
        ObjectNode rule = create(line, id, user, now);
        if (line.path("rule_source").path("type").asText().equals("external")) {
            rule.put("immutable", true);
            rule.set("rule_source", line.get("rule_source").deepCopy());
        }
        return rule;
    }

    /** An import line replacing an existing rule (overwrite): a PUT of the line. */
    public static ObjectNode importedOver(ObjectNode existing, JsonNode line, String user, Instant now) {
        ObjectNode request = requestObject(line);
        request.remove("id");
        return revised(existing, request, user, now);
    }

    /** A rule installed from the prebuilt rules package: Elastic's, not the user's. */
    public static ObjectNode prebuilt(JsonNode attributes, UUID id, String user, Instant now) {
        ObjectNode rule = create(attributes, id, user, now);
        rule.put("immutable", true);
        rule.putObject("rule_source").put("type", "external").put("is_customized", false);
        return rule;
    }

    /**
     * A prebuilt rule moved to the package's newer version: the package's definition, with the
     * user's exceptions and enabled state kept.
     */
    public static ObjectNode upgraded(ObjectNode installed, JsonNode attributes, String user, Instant now) {
        ObjectNode request = requestObject(attributes);
        request.set("exceptions_list", installed.path("exceptions_list").deepCopy());
        request.set("enabled", installed.get("enabled"));
        request.set("rule_id", installed.get("rule_id"));
        ObjectNode rule = create(request, UUID.fromString(installed.get("id").asText()), user, now);
        rule.set("created_at", installed.get("created_at"));
        rule.set("created_by", installed.get("created_by"));
        rule.put("immutable", true);
        rule.putObject("rule_source").put("type", "external").put("is_customized", false);
        rule.put("revision", installed.path("revision").asInt() + 1);
        return rule;
    }

    /** A rule with one more exception list reference (a default list just made for it). */
    public static ObjectNode withExceptionList(ObjectNode rule, ObjectNode reference, String user, Instant now) {
        ObjectNode changed = rule.deepCopy();
        changed.withArray("exceptions_list").add(reference);
        return touched(rule, changed, user, now);
    }

    /** A copy of the rule under a new identity, disabled, named as Kibana names duplicates. */
    public static ObjectNode duplicate(ObjectNode existing, UUID id, ArrayNode exceptionsList, String user, Instant now) {
        ObjectNode copy = existing.deepCopy();
        copy.remove("execution_summary");
        copy.put("id", id.toString());
        copy.put("rule_id", UUID.randomUUID().toString());
        copy.put("name", existing.path("name").asText() + " [Duplicate]");
        copy.put("enabled", false);
        copy.put("immutable", false);
        copy.putObject("rule_source").put("type", "internal");
        copy.put("revision", 0);
        copy.set("exceptions_list", exceptionsList);
        for (JsonNode action : copy.withArray("actions")) {
            ((ObjectNode) action).put("uuid", UUID.randomUUID().toString());
        }
        String timestamp = Timestamps.of(now);
        copy.put("created_at", timestamp);
        copy.put("created_by", user);
        copy.put("updated_at", timestamp);
        copy.put("updated_by", user);
        return copy;
    }

    /**
     * The rule after a change it was validated for (bulk edits, enable/disable): who and when, and
     * a new revision unless only {@code enabled} moved.
     */
    public static ObjectNode touched(ObjectNode existing, ObjectNode changed, String user, Instant now) {
        changed.put("updated_at", Timestamps.of(now));
        changed.put("updated_by", user);
        changed.put("revision", existing.path("revision").asInt() + (significant(existing).equals(significant(changed)) ? 0 : 1));
        markCustomized(existing, changed);
        return changed;
    }

    /**
     * The rule after its API key was updated (Kibana's {@code _update_api_key}): only who and when
     * move; the definition and its revision stay.
     */
    public static ObjectNode keyUpdated(ObjectNode existing, String user, Instant now) {
        ObjectNode changed = existing.deepCopy();
        changed.put("updated_at", Timestamps.of(now));
        changed.put("updated_by", user);
        return changed;
    }

    /** Whether two versions of a rule differ in more than who touched it, when, and enabled. */
    public static boolean sameDefinition(JsonNode before, JsonNode after) {
        return significant(before).equals(significant(after)) && before.path("enabled").equals(after.path("enabled"));
    }

    private static ObjectNode revised(ObjectNode existing, ObjectNode request, String user, Instant now) {
        request.set("rule_id", existing.get("rule_id"));
        ObjectNode rule = create(request, UUID.fromString(existing.get("id").asText()), user, now);
        for (String field : List.of("created_at", "created_by", "immutable", "rule_source")) {
            rule.set(field, existing.get(field).deepCopy());
        }
        if (isPrebuilt(existing) && !existing.path("license").equals(rule.path("license"))) {
            throw ApiException.badRequest("Cannot update \"license\" field for prebuilt rules");
        }
        return touched(existing, rule, user, now);
    }

    /** A prebuilt rule changed by its user is no longer the package's: Kibana marks it customized. */
    private static void markCustomized(ObjectNode existing, ObjectNode changed) {
        if (isPrebuilt(existing) && !significant(existing).equals(significant(changed))
                && changed.path("rule_source") instanceof ObjectNode source) {
            source.put("is_customized", true);
        }
    }

    public static boolean isPrebuilt(JsonNode rule) {
        return "external".equals(rule.path("rule_source").path("type").asText());
    }

    /** The rule without what changes on every write and what does not count as a revision. */
    private static ObjectNode significant(JsonNode rule) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.remove(List.of("updated_at", "updated_by", "enabled", "revision", "execution_summary", "rule_source"));
        return copy;
    }

    private static ObjectNode requestObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            Problems problems = Problems.inBody();
            Fields.of(body, problems);
        }
        return ((ObjectNode) body).deepCopy();
    }

    /** Checks a whole-rule request (create, PUT) as Kibana's schema does, before anything is looked up. */
    public static void validateRequest(JsonNode body) {
        validate(body);
    }

    /** Checks the fields a PATCH gives, each optional; the merged rule is checked again as a whole. */
    public static void validatePatch(JsonNode body) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        common(body, fields, problems, NULLISH);
        problems.throwIfAny();
    }

    private static RuleType validate(JsonNode body) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        RuleType type = type(fields);
        common(body, fields, problems, REQUIRED);
        if (type != null) {
            validateTypeSpecific(fields, type, problems);
        }
        problems.throwIfAny();
        validateKuery(body, type);
        validateEql(body, type);
        validateExceptionLists(body);
        validateThresholdCardinality(body);
        return type;
    }

    /** The fields every type has; {@code required} is how the four always-required ones are checked. */
    private static void common(JsonNode body, Fields fields, Problems problems, Presence required) {
        fields.string("name", required, 1);
        fields.string("description", required, 1);
        fields.integer("risk_score", required, 0, 100);
        fields.oneOf("severity", required, SEVERITIES);
        fields.string("rule_id", NULLISH, 1);
        fields.bool("enabled", NULLISH);
        fields.bool("timestamp_override_fallback_disabled", NULLISH);
        fields.integer("max_signals", NULLISH, 1, Long.MAX_VALUE);
        fields.integer("version", NULLISH, 1, Long.MAX_VALUE);
        fields.anyObject("meta", NULLISH);
        fields.anyObject("alert_suppression", NULLISH);
        investigationFields(fields);
        STRINGS.forEach(field -> fields.string(field, NULLISH));
        String from = body.path("from").isTextual() ? body.get("from").asText() : null;
        if (from != null && !DateMath.isValid(from)) {
            problems.add("from", "Failed to parse date-math expression");
        }
        STRING_ARRAYS.forEach(field -> fields.strings(field, NULLISH));
        ARRAYS.forEach(field -> fields.anyArray(field, NULLISH));
        requiredFields(fields);
    }

    /** Each required field is a name and an Elasticsearch type (Kibana's RequiredFieldInput); {@code ecs} is computed. */
    private static void requiredFields(Fields fields) {
        List<Fields> requiredFields = fields.objects("required_fields", NULLISH, 0);
        if (requiredFields != null) {
            requiredFields.forEach(field -> {
                field.nonEmptyString("name", REQUIRED);
                field.nonEmptyString("type", REQUIRED);
            });
        }
    }

    /** A KQL query that does not parse would fail every run: it is refused now, saying where it breaks. */
    private static void validateKuery(JsonNode body, RuleType type) {
        validateKuery(body, "query", "language", type.defaultLanguage());
        if (type == RuleType.THREAT_MATCH) {
            validateKuery(body, "threat_query", "threat_language", "kuery");
        }
    }

    private static void validateKuery(JsonNode body, String queryField, String languageField, String defaultLanguage) {
        JsonNode language = body.get(languageField);
        JsonNode query = body.get(queryField);
        boolean kuery = "kuery".equals(language != null && language.isTextual() ? language.asText() : defaultLanguage);
        if (!kuery || query == null || !query.isTextual()) {
            return;
        }
        try {
            Kql.toElasticsearchQuery(query.asText());
        } catch (KqlSyntaxException e) {
            throw ApiException.platform(400, "[request body]: " + queryField + ": Invalid KQL query: " + e.reason());
        }
    }

    /**
     * Likewise an EQL query: refused with the line and column where it breaks and what was expected
     * there, or where a pipe that yields no events ({@code count}, {@code unique_count}) stands.
     */
    private static void validateEql(JsonNode body, RuleType type) {
        JsonNode query = body.get("query");
        if (type != RuleType.EQL || query == null || !query.isTextual()) {
            return;
        }
        try {
            Eql.validate(query.asText());
        } catch (EqlSyntaxException e) {
            throw ApiException.platform(400, "[request body]: query: Invalid EQL query: " + e.getMessage());
        }
    }

    /** The rule's type, which decides its other fields; zod reports a missing one as an invalid discriminator. */
    private static RuleType type(Fields fields) {
        String name = fields.discriminator("type", RuleType.NAMES);
        return name == null ? null : RuleType.of(name).orElseThrow();
    }

    private static void validateTypeSpecific(Fields fields, RuleType type, Problems problems) {
        // Every missing field of the type is named before any wrong one.
        type.required().forEach(field -> fields.value(field, REQUIRED));
        for (String field : List.of("query", "saved_id", "threat_query", "history_window_start", "data_view_id",
                "event_category_override", "tiebreaker_field", "timestamp_field", "threat_indicator_path")) {
            if (isTypeField(type, field)) {
                boolean nonEmpty = field.equals("history_window_start") || field.equals("saved_id");
                fields.string(field, presence(type, field), nonEmpty ? 1 : 0);
            }
        }
        for (String field : List.of("index", "threat_index")) {
            if (isTypeField(type, field)) {
                fields.strings(field, presence(type, field));
            }
        }
        if (type == RuleType.NEW_TERMS) {
            fields.strings("new_terms_fields", presence(type, "new_terms_fields"), 1, 3);
        }
        for (String field : List.of("filters", "threat_filters")) {
            if (isTypeField(type, field)) {
                fields.anyArray(field, presence(type, field));
            }
        }
        if (type == RuleType.THREAT_MATCH) {
            fields.anyArray("threat_mapping", presence(type, "threat_mapping"), 1, Integer.MAX_VALUE);
        }
        if (isTypeField(type, "language")) {
            List<String> languages = switch (type) {
                case EQL -> List.of("eql");
                case ESQL -> List.of("esql");
                default -> QUERY_LANGUAGES;
            };
            fields.oneOf("language", presence(type, "language"), languages);
        }
        if (isTypeField(type, "threat_language")) {
            fields.oneOf("threat_language", NULLISH, QUERY_LANGUAGES);
        }
        for (String field : List.of("concurrent_searches", "items_per_search")) {
            if (isTypeField(type, field)) {
                fields.integer(field, presence(type, field), 1, Long.MAX_VALUE);
            }
        }
        if (type == RuleType.MACHINE_LEARNING) {
            fields.integer("anomaly_threshold", presence(type, "anomaly_threshold"), 0, 100);
            JsonNode jobId = fields.value("machine_learning_job_id", OPTIONAL);
            if (jobId != null && !(jobId.isTextual() && !jobId.asText().isEmpty())
                    && !(jobId.isArray() && !jobId.isEmpty())) {
                problems.add("machine_learning_job_id", "Expected a non-empty string or array of strings");
            }
        }
        if (type == RuleType.THRESHOLD) {
            threshold(fields);
        }
    }

    /**
     * How to check a field of the type once missing required fields are reported: a required one
     * may not be null (zod's required), an optional one may be null or absent (nullish).
     */
    private static Presence presence(RuleType type, String field) {
        return type.required().contains(field) ? OPTIONAL : NULLISH;
    }

    private static boolean isTypeField(RuleType type, String field) {
        return type.required().contains(field) || type.optional().contains(field);
    }

    /** What to count ({@code value}) grouped by which field or fields (a string or up to five). */
    private static void threshold(Fields fields) {
        Fields threshold = fields.object("threshold", OPTIONAL);
        if (threshold == null) {
            return;
        }
        JsonNode field = threshold.value("field", REQUIRED);
        if (field != null && field.isArray()) {
            threshold.anyArray("field", REQUIRED, 0, 5);
        } else if (field != null) {
            threshold.string("field", REQUIRED);
        }
        threshold.integer("value", REQUIRED, 1, Long.MAX_VALUE);
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

    private static void investigationFields(Fields fields) {
        Fields investigation = fields.object("investigation_fields", NULLISH);
        if (investigation != null) {
            investigation.anyArray("field_names", REQUIRED, 1, Integer.MAX_VALUE);
        }
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

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field) && !from.get(field).isNull()) {
            to.set(field, from.get(field));
        }
    }
}
