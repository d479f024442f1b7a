package io.opendetection.rules.bulk.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.opendetection.common.validation.Presence.NULLISH;
import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/**
 * A checked {@code _bulk_action} body. A manual {@code run} carries its range as given
 * ({@code run.start_date}, {@code run.end_date}): Kibana checks it only once rules qualify.
 * {@code fill_gaps} is not offered.
 */
public record BulkRequest(String action, String query, List<String> ids, boolean dryRun,
                          boolean includeExceptions, boolean includeExpiredExceptions, List<JsonNode> edits,
                          String runStart, String runEnd) {
    static final List<String> ACTIONS = List.of("delete", "disable", "enable", "export", "duplicate", "edit", "run");
    /** Kibana's RULES_TABLE_MAX_PAGE_SIZE: the most ids one request may name. */
    static final int MAX_IDS = 100;
    private static final Pattern DURATION = Pattern.compile("^[1-9]\\d*[smh]$");
    private static final Map<String, String> EDIT_VALUES = Map.ofEntries(
            Map.entry("add_tags", "strings"), Map.entry("delete_tags", "strings"), Map.entry("set_tags", "strings"),
            Map.entry("add_index_patterns", "strings"), Map.entry("delete_index_patterns", "strings"),
            Map.entry("set_index_patterns", "strings"),
            Map.entry("add_investigation_fields", "investigation"), Map.entry("delete_investigation_fields", "investigation"),
            Map.entry("set_investigation_fields", "investigation"),
            Map.entry("set_timeline", "timeline"), Map.entry("add_rule_actions", "actions"),
            Map.entry("set_rule_actions", "actions"), Map.entry("set_schedule", "schedule"),
            Map.entry("set_alert_suppression", "object"), Map.entry("set_alert_suppression_for_threshold", "object"),
            Map.entry("delete_alert_suppression", "none"));
    private static final List<String> EDIT_TYPES = List.of("add_tags", "delete_tags", "set_tags",
            "add_index_patterns", "delete_index_patterns", "set_index_patterns", "add_investigation_fields",
            "delete_investigation_fields", "set_investigation_fields", "set_timeline", "add_rule_actions",
            "set_rule_actions", "set_schedule", "set_alert_suppression", "set_alert_suppression_for_threshold",
            "delete_alert_suppression");

    public static BulkRequest of(JsonNode body, boolean dryRun) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        String action = fields.discriminator("action", ACTIONS);
        String query = fields.string("query", NULLISH);
        List<String> ids = fields.strings("ids", NULLISH, 1, Integer.MAX_VALUE);
        boolean includeExceptions = true;
        boolean includeExpired = true;
        List<JsonNode> edits = List.of();
        String runStart = null;
        String runEnd = null;
        if ("run".equals(action)) {
            Fields run = fields.object("run", REQUIRED);
            if (run != null) {
                runStart = run.string("start_date", REQUIRED);
                runEnd = run.string("end_date", REQUIRED);
            }
        }
        if ("duplicate".equals(action)) {
            Fields duplicate = fields.object("duplicate", NULLISH);
            if (duplicate != null) {
                Boolean include = duplicate.bool("include_exceptions", REQUIRED);
                Boolean expired = duplicate.bool("include_expired_exceptions", REQUIRED);
                includeExceptions = include == null || include;
                includeExpired = expired == null || expired;
            }
        }
        if ("edit".equals(action)) {
            List<Fields> payloads = fields.objects("edit", REQUIRED, 1);
            if (payloads != null) {
                payloads.forEach(payload -> edit(payload));
            }
            edits = body.path("edit").isArray() ? list(body.get("edit")) : List.of();
        }
        problems.throwIfAny();
        if (query != null && ids != null) {
            throw ApiException.badRequest("Both query and ids are sent. Define either ids or query in request payload.");
        }
        if (ids != null && ids.size() > MAX_IDS) {
            throw ApiException.badRequest("More than " + MAX_IDS + " ids sent for bulk edit action.");
        }
        if (dryRun && "export".equals(action)) {
            throw ApiException.badRequest("Export action doesn't support dry_run mode");
        }
        return new BulkRequest(action, query, ids, dryRun, includeExceptions, includeExpired, edits, runStart, runEnd);
    }

    private static void edit(Fields payload) {
        String type = payload.oneOf("type", REQUIRED, EDIT_TYPES);
        if (type == null) {
            return;
        }
        switch (EDIT_VALUES.get(type)) {
            case "strings" -> payload.strings("value", REQUIRED);
            case "investigation" -> {
                Fields value = payload.object("value", REQUIRED);
                if (value != null) {
                    value.strings("field_names", REQUIRED);
                }
            }
            case "timeline" -> {
                Fields value = payload.object("value", REQUIRED);
                if (value != null) {
                    value.string("timeline_id", REQUIRED);
                    value.string("timeline_title", REQUIRED);
                }
            }
            case "actions" -> {
                Fields value = payload.object("value", REQUIRED);
                if (value != null) {
                    List<Fields> actions = value.objects("actions", REQUIRED, 0);
                    if (actions != null) {
                        actions.forEach(action -> {
                            action.string("id", REQUIRED);
                            action.anyObject("params", REQUIRED);
                            action.string("group", OPTIONAL);
                        });
                    }
                    value.oneOf("throttle", OPTIONAL, List.of("rule", "1h", "1d", "7d"));
                }
            }
            case "schedule" -> {
                Fields value = payload.object("value", REQUIRED);
                if (value != null) {
                    duration(value, "interval");
                    duration(value, "lookback");
                }
            }
            case "object" -> payload.anyObject("value", REQUIRED);
            default -> {
                // delete_alert_suppression has no value
            }
        }
    }

    private static void duration(Fields value, String name) {
        String text = value.string(name, REQUIRED);
        if (text != null && !DURATION.matcher(text).matches()) {
            throw ApiException.platform(400, "[request body]: " + name + ": Invalid: expected <integer><s|m|h>, received '"
                    + text + "'");
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new java.util.ArrayList<>();
        array.forEach(values::add);
        return values;
    }
}
