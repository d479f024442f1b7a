package io.opendetection.lists.list.service;

/** A list with the key its items are stored under. */
public record StoredList(long key, ValueList list) {
}
