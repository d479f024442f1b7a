package io.opendetection.lists.item.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A valid PUT or PATCH of an item; null fields are left as they are. */
public record ItemChanges(String id, String versionId, String value, JsonNode meta) {
}
