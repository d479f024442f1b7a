package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.contracts.events.ValueListChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The events of {@link Topics#LISTS}: a list created or changed (its values included: a change
 * of items is an update of the list), or deleted (a tombstone).
 */
@ApplicationScoped
public class ListEvents {
    @Inject
    ObjectMapper json;

    public OutboxEvent created(String space, ValueList list) {
        return change(EventTypes.VALUE_LIST_CREATED, space, list);
    }

    public OutboxEvent updated(String space, ValueList list) {
        return change(EventTypes.VALUE_LIST_UPDATED, space, list);
    }

    public OutboxEvent deleted(String id) {
        return new OutboxEvent(Topics.LISTS, id, EventTypes.VALUE_LIST_DELETED, id, null);
    }

    private OutboxEvent change(String type, String space, ValueList list) {
        return new OutboxEvent(Topics.LISTS, list.id(), type, list.id(), new ValueListChange(space, json.valueToTree(list)));
    }
}
