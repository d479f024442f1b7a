package io.opendetection.exceptions.valuelist.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.item.persistence.StoredItem;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The exception items of the caller's space, and the agnostic ones, whose {@code list} entries
 * name a value list: what lists-service asks before it deletes that value list, and removes when
 * told to delete the references too.
 */
@ApplicationScoped
public class ValueListReferences {
    @Inject
    Pool pool;

    @Inject
    ExceptionItemRepository items;

    @Inject
    ExceptionListRepository lists;

    @Inject
    Outbox outbox;

    @Inject
    ExceptionEvents events;

    @Inject
    Caller caller;

    /** Each item naming the value list, oldest first, with its exception list. */
    public Uni<List<ValueListReference>> find(String valueListId) {
        return items.findReferringTo(pool, visibleSpaces(), valueListId, false).flatMap(referring -> {
            if (referring.isEmpty()) {
                return Uni.createFrom().item(List.<ValueListReference>of());
            }
            List<String> listIds = referring.stream().map(StoredItem::listInternalId).distinct().toList();
            return lists.findByIds(pool, listIds).map(found -> {
                Map<String, ExceptionList> byId = found.stream()
                        .collect(Collectors.toMap(ExceptionList::id, Function.identity()));
                return referring.stream()
                        .map(stored -> new ValueListReference(stored.item(), byId.get(stored.listInternalId())))
                        .toList();
            });
        });
    }

    /**
     * Removes the entries naming the value list from every item that has one, and deletes the
     * items left without entries: all or nothing, each change published as the item routes do.
     */
    public Uni<ReferencesRemoved> remove(String valueListId) {
        String space = caller.space();
        String user = caller.user();
        return pool.withTransaction(tx -> items.findReferringTo(tx, visibleSpaces(), valueListId, true)
                        .flatMap(referring -> remove(tx, space, user, valueListId, referring)))
                .invoke(outbox::committed);
    }

    private Uni<ReferencesRemoved> remove(SqlConnection tx, String space, String user, String valueListId,
                                          List<StoredItem> referring) {
        List<StoredItem> changed = new ArrayList<>();
        List<ExceptionItem> emptied = new ArrayList<>();
        List<OutboxEvent> published = new ArrayList<>();
        for (StoredItem stored : referring) {
            ExceptionItem item = stored.item();
            JsonNode remaining = withoutReferences(item.entries(), valueListId);
            if (remaining.isEmpty()) {
                emptied.add(item);
                published.add(events.itemDeleted(item.id(), item.itemId()));
            } else {
                ExceptionItem updated = item.withEntries(remaining, user);
                Namespace namespace = item.namespaceType().seenFrom(space);
                changed.add(new StoredItem(stored.listInternalId(), updated));
                published.add(events.itemUpdated(namespace, stored.listInternalId(), updated));
            }
        }
        return items.updateAll(tx, changed)
                .chain(() -> items.deleteAll(tx, emptied))
                .chain(() -> outbox.append(tx, published))
                .replaceWith(new ReferencesRemoved(changed.size(), emptied.size()));
    }

    /** The entries but those of type list naming the value list (nested entries cannot hold list entries). */
    static JsonNode withoutReferences(JsonNode entries, String valueListId) {
        ArrayNode remaining = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : entries) {
            boolean naming = "list".equals(entry.path("type").asText())
                    && valueListId.equals(entry.path("list").path("id").asText());
            if (!naming) {
                remaining.add(entry);
            }
        }
        return remaining;
    }

    private List<String> visibleSpaces() {
        return List.of(caller.space(), "");
    }
}
