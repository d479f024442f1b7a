package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Which alerts of the caller's space a request changes: by their ids, or by an Elasticsearch
 * query (with runtime fields it may refer to). Always within the space's alerts alias.
 *
 * @param query           the query, as Elasticsearch takes it
 * @param runtimeMappings runtime fields the query refers to; null for none
 */
public record AlertSelection(ObjectNode query, ObjectNode runtimeMappings) {

    public static AlertSelection byIds(List<String> ids) {
        ObjectNode query = JsonNodeFactory.instance.objectNode();
        query.putObject("ids").set("values", AlertFields.array(ids));
        return new AlertSelection(query, null);
    }

    public static AlertSelection byQuery(JsonNode query, ObjectNode runtimeMappings) {
        return new AlertSelection((ObjectNode) query, runtimeMappings == null || runtimeMappings.isEmpty() ? null
                : runtimeMappings);
    }
}
