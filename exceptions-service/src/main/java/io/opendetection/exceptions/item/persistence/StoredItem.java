package io.opendetection.exceptions.item.persistence;

import io.opendetection.exceptions.item.service.ExceptionItem;

/** An item as stored, with the internal id of the list that holds it. */
public record StoredItem(String listInternalId, ExceptionItem item) {
}
