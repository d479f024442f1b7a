package io.opendetection.lists.item.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A valid request to create a list item; {@code id} and {@code meta} may be null. */
public record NewListItem(String id, String listId, String value, JsonNode meta) {
}
