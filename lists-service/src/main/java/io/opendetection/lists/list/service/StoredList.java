package io.opendetection.lists.list.service;

/**
 * A list with the key its items are stored under and the version of its items (bumped by every
 * change of them).
 */
public record StoredList(long key, long itemsVersion, ValueList list) {
}
