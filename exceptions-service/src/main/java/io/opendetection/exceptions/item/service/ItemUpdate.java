package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

/**
 * A valid {@code PUT} of an item. Null optional fields ({@code comments}, {@code osTypes},
 * {@code tags}, {@code expireTime}, {@code meta}) keep the item's, as Kibana's partial update does.
 */
public record ItemUpdate(ItemReference reference, NamespaceType namespaceType, String versionId, String name,
                         String description, String type, JsonNode entries, List<CommentUpdate> comments,
                         List<String> osTypes, List<String> tags, String expireTime, JsonNode meta) {
}
