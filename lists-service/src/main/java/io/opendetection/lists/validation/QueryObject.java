package io.opendetection.lists.validation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Query parameters as the object Kibana validates, so {@link Fields} reads them like a body. */
public final class QueryObject {
    private final ObjectNode parameters = JsonNodeFactory.instance.objectNode();

    public QueryObject text(String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    public Fields fields(Problems problems) {
        return Fields.of(parameters, problems);
    }
}
