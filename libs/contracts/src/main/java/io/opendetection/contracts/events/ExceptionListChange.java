package io.opendetection.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Value of a list record on {@link Topics#EXCEPTIONS}: the list as the exceptions API returns it.
 * {@code space} is null for an agnostic list (visible in every space).
 */
public record ExceptionListChange(String space, JsonNode list) {
}
