package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The body of {@code POST /api/detection_engine/signals/tags} ({@code {ids, tags: {tags_to_add,
 * tags_to_remove}}}) or {@code /signals/assignees} ({@code {ids, assignees: {add, remove}}}): the
 * schema's 400s in the platform envelope, then Kibana's own check that no value is both added and
 * removed, in the Security Solution envelope with an array message.
 */
public record ValuesRequest(List<String> ids, List<String> add, List<String> remove) {

    public static ValuesRequest tags(JsonNode body) {
        return read(body, "tags", "tags_to_add", "tags_to_remove", "tags");
    }

    public static ValuesRequest assignees(JsonNode body) {
        return read(body, "assignees", "add", "remove", "assignees");
    }

    private static ValuesRequest read(JsonNode body, String group, String addField, String removeField, String noun) {
        Problems problems = Problems.inBody();
        Fields fields = Fields.of(body, problems);
        List<String> ids = fields.nonEmptyStrings("ids", Presence.REQUIRED, 1);
        Fields values = fields.object(group, Presence.REQUIRED);
        List<String> add = values == null ? null : values.nonEmptyStrings(addField, Presence.REQUIRED, 0);
        List<String> remove = values == null ? null : values.nonEmptyStrings(removeField, Presence.REQUIRED, 0);
        problems.throwIfAny();
        List<String> both = add.stream().filter(remove::contains).toList();
        if (!both.isEmpty()) {
            throw ApiException.siem(400, List.of("Duplicate " + noun + " " + AlertFields.array(both) + " were found in the "
                    + addField + " and " + removeField + " parameters."));
        }
        return new ValuesRequest(List.copyOf(new LinkedHashSet<>(ids)), List.copyOf(new LinkedHashSet<>(add)),
                List.copyOf(new LinkedHashSet<>(remove)));
    }
}
