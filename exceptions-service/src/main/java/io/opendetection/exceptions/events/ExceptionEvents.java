package io.opendetection.exceptions.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.ExceptionItemChange;
import io.opendetection.contracts.events.ExceptionListChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The records every change puts on {@link Topics#EXCEPTIONS}: the whole list or item keyed by its
 * id, so compaction keeps the current state; a tombstone (null value) when it is deleted.
 */
@ApplicationScoped
public class ExceptionEvents {
    @Inject
    ObjectMapper json;

    public OutboxEvent listCreated(Namespace namespace, ExceptionList list) {
        return listChange(EventTypes.EXCEPTION_LIST_CREATED, namespace, list);
    }

    public OutboxEvent listUpdated(Namespace namespace, ExceptionList list) {
        return listChange(EventTypes.EXCEPTION_LIST_UPDATED, namespace, list);
    }

    public OutboxEvent listDeleted(ExceptionList list) {
        return new OutboxEvent(Topics.EXCEPTIONS, list.id(), EventTypes.EXCEPTION_LIST_DELETED, list.listId(), null);
    }

    public OutboxEvent itemCreated(Namespace namespace, String listInternalId, ExceptionItem item) {
        return itemChange(EventTypes.EXCEPTION_ITEM_CREATED, namespace, listInternalId, item);
    }

    public OutboxEvent itemUpdated(Namespace namespace, String listInternalId, ExceptionItem item) {
        return itemChange(EventTypes.EXCEPTION_ITEM_UPDATED, namespace, listInternalId, item);
    }

    /** Tombstone of the item with internal id {@code id}; {@code itemId} is its human id. */
    public OutboxEvent itemDeleted(String id, String itemId) {
        return new OutboxEvent(Topics.EXCEPTIONS, id, EventTypes.EXCEPTION_ITEM_DELETED, itemId, null);
    }

    private OutboxEvent listChange(String type, Namespace namespace, ExceptionList list) {
        return new OutboxEvent(Topics.EXCEPTIONS, list.id(), type, list.listId(),
                new ExceptionListChange(namespace.space(), json.valueToTree(list)));
    }

    private OutboxEvent itemChange(String type, Namespace namespace, String listInternalId, ExceptionItem item) {
        return new OutboxEvent(Topics.EXCEPTIONS, item.id(), type, item.itemId(),
                new ExceptionItemChange(namespace.space(), listInternalId, json.valueToTree(item)));
    }
}
