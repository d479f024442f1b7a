package io.opendetection.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Value of a {@link Topics#LISTS} record: the value list (not its items) as the lists API returns it. */
public record ValueListChange(String space, JsonNode list) {
}
