package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/detection_engine/signals/status}, read and checked as Kibana's
 * schema does: by {@code signal_ids} or by {@code query}, never both; a {@code reason} only with
 * {@code closed}; {@code conflicts}, {@code runtime_fields} and {@code runtime_mappings} only by query.
 */
public record StatusRequest(AlertSelection selection, String status, String reason, Conflicts conflicts) {
    static final int MAX_REASON_LENGTH = 1024;
    static final int MAX_RUNTIME_FIELDS = 100;
    static final List<String> RUNTIME_TYPES = List.of("keyword", "long", "double", "date", "ip", "boolean", "geo_point");

    public static StatusRequest read(JsonNode body) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        boolean byIds = body.has("signal_ids");
        boolean byQuery = body.has("query");
        if (byIds && byQuery) {
            throw ApiException.platform(400, "[request body]: signal_ids and query cannot be used together:"
                    + " select the alerts either by signal_ids or by query");
        }
        String status = fields.oneOf("status", Presence.REQUIRED, StatusEdit.STATUSES);
        String reason = StatusEdit.CLOSED.equals(status) ? reason(fields, problems) : null;
        if (!byIds && !byQuery) {
            problems.add("signal_ids", "Required");
            problems.add("query", "Required (the alerts are selected either by signal_ids or by query)");
            problems.throwIfAny();
        }
        if (byIds) {
            List<String> ids = fields.nonEmptyStrings("signal_ids", Presence.REQUIRED, 1);
            problems.throwIfAny();
            return new StatusRequest(AlertSelection.byIds(List.copyOf(new LinkedHashSet<>(ids))), status, reason,
                    Conflicts.ABORT);
        }
        ObjectNode query = fields.anyObject("query", Presence.REQUIRED);
        String conflicts = fields.oneOf("conflicts", Presence.OPTIONAL, List.of("abort", "proceed"));
        ObjectNode runtime = runtimeMappings(fields, problems);
        problems.throwIfAny();
        return new StatusRequest(AlertSelection.byQuery(query, runtime), status, reason,
                "proceed".equals(conflicts) ? Conflicts.PROCEED : Conflicts.ABORT);
    }

    private static String reason(Fields fields, Problems problems) {
        String reason = fields.string("reason", Presence.OPTIONAL, 1);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            problems.add("reason", "String must contain at most " + MAX_REASON_LENGTH + " character(s)");
            return null;
        }
        return reason;
    }

    /**
     * {@code runtime_mappings} as given (type, script source, format; scripts may not fail the
     * whole change, as Kibana sets), plus one script-less runtime field per {@code runtime_fields}
     * entry, which reads its value from {@code _source}.
     */
    private static ObjectNode runtimeMappings(Fields fields, Problems problems) {
        ObjectNode mappings = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        ObjectNode givenObject = fields.anyObject("runtime_mappings", Presence.OPTIONAL);
        if (givenObject != null) {
            Fields given = fields.object("runtime_mappings", Presence.OPTIONAL);
            for (Iterator<String> it = givenObject.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                Fields mapping = given.object(name, Presence.REQUIRED);
                if (mapping == null) {
                    continue;
                }
                ObjectNode runtime = JsonNodeFactory.instance.objectNode();
                runtime.put("type", mapping.oneOf("type", Presence.REQUIRED, RUNTIME_TYPES));
                Fields script = mapping.object("script", Presence.OPTIONAL);
                if (script != null) {
                    String source = script.string("source", Presence.REQUIRED);
                    if (source != null && source.length() > 10_000) {
                        problems.add("runtime_mappings." + name + ".script.source",
                                "String must contain at most 10000 character(s)");
                    }
                    runtime.putObject("script").put("source", source);
                    runtime.put("on_script_error", "continue");
                }
                String format = mapping.string("format", Presence.OPTIONAL);
                if (format != null) {
                    runtime.put("format", format);
                }
                mappings.set(name, runtime);
                names.add(name);
            }
        }
        ObjectNode runtimeFields = fields.anyObject("runtime_fields", Presence.OPTIONAL);
        if (runtimeFields != null) {
            Fields typed = fields.object("runtime_fields", Presence.OPTIONAL);
            for (Map.Entry<String, JsonNode> field : runtimeFields.properties()) {
                String type = typed.oneOf(field.getKey(), Presence.REQUIRED, RUNTIME_TYPES);
                if (type != null && !mappings.has(field.getKey())) {
                    mappings.putObject(field.getKey()).put("type", type);
                }
                names.add(field.getKey());
            }
        }
        if (names.size() > MAX_RUNTIME_FIELDS) {
            problems.add("runtime_mappings", "runtime_fields and runtime_mappings may define at most "
                    + MAX_RUNTIME_FIELDS + " fields together, received " + names.size());
        }
        return mappings;
    }
}
