package io.opendetection.exceptions.item.service;

/** A comment as an item PUT sends it: an existing one with its {@code id}, or a new one without. */
public record CommentUpdate(String id, String comment) {
}
