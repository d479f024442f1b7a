package io.opendetection.lists.index.service;

/** The answer to creating a space's value-list storage. */
public record Acknowledged(boolean acknowledged) {
}
