package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** {@code kibana.alert.reason}, worded as Kibana's {@code buildReasonMessageUtil} words it. */
public final class Reasons {
    private Reasons() {
    }

    public static String forEvent(ObjectNode doc, String ruleName, String severity) {
        String category = field(doc, "event.category");
        StringBuilder reason = new StringBuilder();
        if (category == null) {
            reason.append("event");
        } else {
            reason.append(category).append("process".equals(category) ? "" : " event");
        }
        append(reason, "\nwith process ", field(doc, "process.name"), ",");
        append(reason, "\nparent process ", field(doc, "process.parent.name"), ",");
        append(reason, "\nfile ", field(doc, "file.name"), ",");
        append(reason, "\nsource ", field(doc, "source.ip"), "");
        append(reason, ":", field(doc, "source.port"), ",");
        append(reason, "\ndestination ", field(doc, "destination.ip"), "");
        append(reason, ":", field(doc, "destination.port"), ",");
        append(reason, "\nby ", field(doc, "user.name"), "");
        append(reason, "\non ", field(doc, "host.name"), "");
        reason.append(" created ").append(severity).append(" alert ").append(ruleName).append('.');
        return reason.toString();
    }

    private static void append(StringBuilder reason, String before, String value, String after) {
        if (value != null) {
            reason.append(before).append(value).append(after);
        }
    }

    /** A field's value as text; the values of an array joined with ", ". */
    private static String field(ObjectNode doc, String path) {
        JsonNode value = Paths.raw(doc, path);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.add(v.asText()));
            return values.isEmpty() ? null : String.join(", ", values);
        }
        return value.isContainerNode() ? null : value.asText();
    }
}
