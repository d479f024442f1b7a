package io.opendetection.rules.bulk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code edit} operations of a bulk action applied to one rule, as Kibana applies them: set
 * semantics for tags, index patterns and investigation fields (existing order kept, new values
 * appended once), schedules turned into interval and look-back, actions given a uuid and frequency.
 */
public final class RuleEdits {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d*)([smh])");

    /** An edit the rule cannot take; the rule stays as it was. */
    public static final class EditFailure extends RuntimeException {
        private final String errCode;

        public EditFailure(String message) {
            this(message, null);
        }

        EditFailure(String message, String errCode) {
            super(message, null, false, false);
            this.errCode = errCode;
        }

        /** The code a dry run reports the failure with (Kibana's BulkActionsDryRunErrCode), or null. */
        public String errCode() {
            return errCode;
        }
    }

    private RuleEdits() {
    }

    /** The rule after every edit, in order (a copy; the given rule is not touched). */
    public static ObjectNode apply(ObjectNode rule, List<JsonNode> edits) {
        ObjectNode edited = rule.deepCopy();
        for (JsonNode edit : edits) {
            applyOne(edited, edit.path("type").asText(), edit.path("value"), edit);
        }
        return edited;
    }

    private static void applyOne(ObjectNode rule, String type, JsonNode value, JsonNode edit) {
        switch (type) {
            case "add_tags" -> rule.set("tags", union(rule.path("tags"), value));
            case "delete_tags" -> rule.set("tags", minus(rule.path("tags"), value));
            case "set_tags" -> rule.set("tags", value.deepCopy());
            case "add_index_patterns", "delete_index_patterns", "set_index_patterns" -> indexPatterns(rule, type, value,
                    edit.path("overwrite_data_views").asBoolean(false));
            case "add_investigation_fields" -> investigationFields(rule,
                    union(rule.path("investigation_fields").path("field_names"), value.path("field_names")));
            case "delete_investigation_fields" -> investigationFields(rule,
                    minus(rule.path("investigation_fields").path("field_names"), value.path("field_names")));
            case "set_investigation_fields" -> investigationFields(rule, (ArrayNode) value.path("field_names").deepCopy());
            case "set_timeline" -> {
                setOrRemove(rule, "timeline_id", value.path("timeline_id").asText(""));
                setOrRemove(rule, "timeline_title", value.path("timeline_title").asText(""));
            }
            case "set_schedule" -> {
                rule.put("interval", value.path("interval").asText());
                rule.put("from", "now-" + (seconds(value.path("interval").asText())
                        + seconds(value.path("lookback").asText())) + "s");
            }
            case "add_rule_actions" -> rule.withArray("actions").addAll(actions(value));
            case "set_rule_actions" -> rule.set("actions", actions(value));
            case "set_alert_suppression" -> {
                if ("threshold".equals(rule.path("type").asText())) {
                    throw new EditFailure("Threshold rule doesn't support this action. Use 'set_alert_suppression_for_threshold' action instead",
                            "THRESHOLD_RULE_TYPE_IN_SUPPRESSION");
                }
                rule.set("alert_suppression", value.deepCopy());
            }
            case "set_alert_suppression_for_threshold" -> {
                if (!"threshold".equals(rule.path("type").asText())) {
                    throw new EditFailure("Rule type doesn't support this action. Use 'set_alert_suppression' action instead.",
                            "UNSUPPORTED_RULE_IN_SUPPRESSION_FOR_THRESHOLD");
                }
                rule.set("alert_suppression", value.deepCopy());
            }
            case "delete_alert_suppression" -> rule.remove("alert_suppression");
            default -> throw new EditFailure("Unknown edit action: " + type);
        }
    }

    private static void indexPatterns(ObjectNode rule, String type, JsonNode value, boolean overwriteDataViews) {
        String verb = switch (type) {
            case "add_index_patterns" -> "added";
            case "delete_index_patterns" -> "deleted";
            default -> "overwritten";
        };
        String ruleType = rule.path("type").asText();
        if (ruleType.equals("machine_learning")) {
            throw new EditFailure("Index patterns can't be " + verb + ". Machine learning rule doesn't have index patterns property",
                    "MACHINE_LEARNING_INDEX_PATTERN");
        }
        if (ruleType.equals("esql")) {
            throw new EditFailure("Index patterns can't be " + verb + ". ES|QL rule doesn't have index patterns property",
                    "ESQL_INDEX_PATTERN");
        }
        if (rule.hasNonNull("data_view_id")) {
            // A rule reading a data view keeps it unless the edit says to replace it with patterns.
            if (!overwriteDataViews) {
                return;
            }
            rule.remove("data_view_id");
        }
        ArrayNode patterns = switch (type) {
            case "add_index_patterns" -> union(rule.path("index"), value);
            case "delete_index_patterns" -> minus(rule.path("index"), value);
            default -> (ArrayNode) value.deepCopy();
        };
        if (patterns.isEmpty()) {
            throw new EditFailure("Mutated params invalid: Index patterns can't be empty");
        }
        rule.set("index", patterns);
    }

    private static void investigationFields(ObjectNode rule, ArrayNode fieldNames) {
        if (fieldNames.isEmpty()) {
            rule.remove("investigation_fields");
        } else {
            rule.putObject("investigation_fields").set("field_names", fieldNames);
        }
    }

    /** Actions as a bulk edit gives them: each gets a uuid and, unless given, a frequency from the throttle. */
    private static ArrayNode actions(JsonNode value) {
        String throttle = value.path("throttle").asText(null);
        ArrayNode actions = JSON.arrayNode();
        for (JsonNode given : value.path("actions")) {
            ObjectNode action = ((ObjectNode) given).deepCopy();
            if (!action.has("group")) {
                action.put("group", "default");
            }
            action.put("uuid", UUID.randomUUID().toString());
            if (!action.has("frequency")) {
                ObjectNode frequency = action.putObject("frequency").put("summary", true);
                if (throttle != null && !throttle.equals("rule") && !throttle.equals("no_actions")) {
                    frequency.put("throttle", throttle).put("notifyWhen", "onThrottleInterval");
                } else {
                    frequency.putNull("throttle").put("notifyWhen", "onActiveAlert");
                }
            }
            actions.add(action);
        }
        return actions;
    }

    private static ArrayNode union(JsonNode existing, JsonNode added) {
        Set<String> values = new LinkedHashSet<>(texts(existing));
        values.addAll(texts(added));
        return array(values);
    }

    private static ArrayNode minus(JsonNode existing, JsonNode removed) {
        Set<String> values = new LinkedHashSet<>(texts(existing));
        texts(removed).forEach(values::remove);
        return array(values);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }

    private static ArrayNode array(Iterable<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void setOrRemove(ObjectNode rule, String field, String value) {
        if (value.isEmpty()) {
            rule.remove(field);
        } else {
            rule.put(field, value);
        }
    }

    /** Seconds in a checked {@code <n>[smh]} duration. */
    static long seconds(String duration) {
        Matcher matcher = DURATION.matcher(duration);
        if (!matcher.matches()) {
            throw new EditFailure("Invalid duration: " + duration);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "h" -> amount * 3600;
            case "m" -> amount * 60;
            default -> amount;
        };
    }
}
