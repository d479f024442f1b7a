package io.opendetection.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Value of a {@link Topics#RULES} record: the whole rule as the rules API returns it, and the
 * space it lives in.
 */
public record RuleChange(String space, JsonNode rule) {
}
