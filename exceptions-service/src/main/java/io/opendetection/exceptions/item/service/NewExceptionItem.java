package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

/**
 * A valid request to create an exception item, defaults applied. {@code itemId}, {@code expireTime}
 * and {@code meta} may be null; {@code entries} are already reduced to their known fields.
 */
public record NewExceptionItem(String listId, String itemId, String name, String description, String type,
                               JsonNode entries, NamespaceType namespaceType, List<String> osTypes,
                               List<String> tags, List<String> comments, String expireTime, JsonNode meta) {
}
