package io.opendetection.exceptions.list.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

/** A valid request to create an exception list, defaults applied. {@code listId} and {@code meta} may be null. */
public record NewExceptionList(String listId, String name, String description, String type,
                               NamespaceType namespaceType, List<String> osTypes, List<String> tags,
                               JsonNode meta, int version) {
}
