package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A valid request to create a value list, defaults applied. {@code id} and {@code meta} may be null. */
public record NewValueList(String id, String name, String description, String type, JsonNode meta, int version) {
}
