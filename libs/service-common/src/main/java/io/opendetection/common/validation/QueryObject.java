package io.opendetection.common.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Query parameters as the object Kibana validates, so {@link Fields} reads them like a body. A
 * parameter Kibana takes as a comma-separated array becomes an array, and its problems name the
 * element ({@code namespace_type.0: ...}) as Kibana's do.
 */
public final class QueryObject {
    private final ObjectNode parameters = JsonNodeFactory.instance.objectNode();

    public QueryObject text(String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    public QueryObject array(String name, String value) {
        if (value != null) {
            ArrayNode elements = parameters.putArray(name);
            for (String element : value.split(",", -1)) {
                elements.add(element);
            }
        }
        return this;
    }

    public Fields fields(Problems problems) {
        return Fields.of(parameters, problems);
    }
}
