package io.opendetection.exceptions.list.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

/**
 * A valid {@code PUT /api/exception_lists}: which list, the version the caller last read (may be
 * null), and the new attributes. Null {@code tags}, {@code meta} and {@code version} keep the list's.
 */
public record ListUpdate(ListReference reference, NamespaceType namespaceType, String versionId, String name,
                         String description, String type, List<String> osTypes, List<String> tags, JsonNode meta,
                         Integer version) {
}
