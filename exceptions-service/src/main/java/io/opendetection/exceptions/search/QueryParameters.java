package io.opendetection.exceptions.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;

/**
 * Query parameters as the object Kibana validates (as service-common's QueryObject), with the
 * numbers zod coerces: a parameter that reads as a number becomes one, anything else stays text and
 * is reported as "Expected number, received string".
 */
public final class QueryParameters {
    private final ObjectNode parameters = JsonNodeFactory.instance.objectNode();

    public QueryParameters text(String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    public QueryParameters number(String name, String value) {
        if (value != null) {
            try {
                parameters.put(name, new java.math.BigDecimal(value.trim()));
            } catch (NumberFormatException e) {
                parameters.put(name, value);
            }
        }
        return this;
    }

    /** A comma-separated parameter Kibana reads as an array. */
    public QueryParameters array(String name, String value) {
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
