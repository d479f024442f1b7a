package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A document a rule matched: where it is, its version and its {@code _source}. */
public record SourceEvent(String index, String id, String version, ObjectNode source) {
    public static SourceEvent of(JsonNode hit) {
        JsonNode source = hit.path("_source");
        return new SourceEvent(hit.path("_index").asText(), hit.path("_id").asText(),
                hit.has("_version") ? hit.get("_version").asText() : "",
                source.isObject() ? (ObjectNode) source : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** A value by dotted path, through nested objects or dotted keys; the first element of an array. */
    public JsonNode value(String path) {
        return Paths.value(source, path);
    }
}
