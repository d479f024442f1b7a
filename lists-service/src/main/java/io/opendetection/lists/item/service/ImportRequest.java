package io.opendetection.lists.item.service;

/** A valid query of an import: into the list {@code listId}, or into a new list of {@code type}. */
public record ImportRequest(String listId, String type) {
}
