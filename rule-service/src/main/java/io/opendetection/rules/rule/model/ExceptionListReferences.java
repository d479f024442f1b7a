package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;

/** The entries of a rule's {@code exceptions_list}. */
public final class ExceptionListReferences {
    private ExceptionListReferences() {
    }

    /**
     * The endpoint list belongs to Endpoint Security: Kibana neither applies it when a rule runs
     * (ENGINE.md §2.7) nor exports it with rules.
     */
    public static boolean isEndpointList(JsonNode reference) {
        return "endpoint".equals(reference.path("type").asText());
    }
}
