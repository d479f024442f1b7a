package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The workflow fields of an alert, how to read one from its {@code _source}, and how an edit is merged into it. */
public final class AlertFields {
    public static final String WORKFLOW_STATUS = "kibana.alert.workflow_status";
    public static final String WORKFLOW_STATUS_UPDATED_AT = "kibana.alert.workflow_status_updated_at";
    public static final String WORKFLOW_USER = "kibana.alert.workflow_user";
    public static final String WORKFLOW_REASON = "kibana.alert.workflow_reason";
    public static final String WORKFLOW_TAGS = "kibana.alert.workflow_tags";
    public static final String WORKFLOW_ASSIGNEE_IDS = "kibana.alert.workflow_assignee_ids";

    private AlertFields() {
    }

    /**
     * A field's value, null when absent. Kibana writes alerts with dotted keys
     * ({@code "kibana.alert.workflow_status": "open"}); an alert written with nested objects is read too.
     */
    public static JsonNode value(JsonNode source, String field) {
        JsonNode flat = source.get(field);
        if (flat != null) {
            return flat.isNull() ? null : flat;
        }
        JsonNode node = source;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    /** A keyword field that may hold one value or an array, as strings. */
    public static List<String> strings(JsonNode source, String field) {
        JsonNode value = value(source, field);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (value.isArray()) {
            value.forEach(element -> strings.add(element.asText()));
        } else {
            strings.add(value.asText());
        }
        return strings;
    }

    /**
     * The alert with an edit's partial document merged in, as Elasticsearch merges a partial update:
     * an object into an object field key by key, anything else replaces the value (null included).
     * Changes {@code source}, except nested objects, which are copied first: the edit's recorded
     * {@code from} values may point into them.
     */
    public static ObjectNode merge(ObjectNode source, ObjectNode document) {
        document.fields().forEachRemaining(field -> {
            JsonNode current = source.get(field.getKey());
            if (current instanceof ObjectNode object && field.getValue() instanceof ObjectNode changes) {
                source.set(field.getKey(), merge(object.deepCopy(), changes));
            } else {
                source.set(field.getKey(), field.getValue());
            }
        });
        return source;
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
