package io.opendetection.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Value of an item record on {@link Topics#EXCEPTIONS}: the item as the exceptions API returns it,
 * with its list's internal id. {@code space} is null for an item of an agnostic list.
 */
public record ExceptionItemChange(String space, String listId, JsonNode item) {
}
