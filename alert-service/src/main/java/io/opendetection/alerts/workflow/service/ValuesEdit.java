package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.AlertChange.FieldChange;
import io.opendetection.contracts.events.EventTypes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds values to and removes values from a keyword-array field of an alert (its tags, its
 * assignees), as Kibana's script does: what was there, then what is added, minus what is removed,
 * each value once, in the order first seen. Adding what is there or removing what is not changes nothing.
 */
public record ValuesEdit(String action, String field, String eventType, List<String> add, List<String> remove)
        implements AlertEdit {

    public static ValuesEdit tags(List<String> add, List<String> remove) {
        return new ValuesEdit("tags", AlertFields.WORKFLOW_TAGS, EventTypes.ALERT_TAGS_CHANGED, add, remove);
    }

    public static ValuesEdit assignees(List<String> add, List<String> remove) {
        return new ValuesEdit("assignees", AlertFields.WORKFLOW_ASSIGNEE_IDS, EventTypes.ALERT_ASSIGNEES_CHANGED,
                add, remove);
    }

    @Override
    public Edit edit(JsonNode source) {
        JsonNode from = AlertFields.value(source, field);
        List<String> current = AlertFields.strings(source, field);
        Set<String> values = new LinkedHashSet<>(current);
        values.addAll(add);
        remove.forEach(values::remove);
        List<String> next = new ArrayList<>(values);
        // An absent field becomes [] only when something would be added to it.
        if (next.equals(current) && (from != null || next.isEmpty())) {
            return null;
        }
        JsonNode to = AlertFields.array(next);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set(field, to);
        return new Edit(document, List.of(new FieldChange(field, from, to)));
    }
}
