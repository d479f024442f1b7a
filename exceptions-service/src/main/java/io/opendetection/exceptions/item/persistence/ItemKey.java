package io.opendetection.exceptions.item.persistence;

/** The ids of an item that was removed: its internal id and its item_id. */
public record ItemKey(String id, String itemId) {
}
