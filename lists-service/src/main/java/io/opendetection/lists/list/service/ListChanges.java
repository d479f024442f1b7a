package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.JsonNode;

/** A valid PUT or PATCH of a list; null fields are left as they are. */
public record ListChanges(String id, String versionId, String name, String description, JsonNode meta,
                          Integer version) {
}
