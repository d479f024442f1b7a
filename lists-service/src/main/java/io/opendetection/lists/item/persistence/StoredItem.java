package io.opendetection.lists.item.persistence;

import io.opendetection.lists.item.service.ListItem;

/** An item with where it is stored and its revision. */
public record StoredItem(long listKey, long itemKey, int revision, ListItem item) {
}
