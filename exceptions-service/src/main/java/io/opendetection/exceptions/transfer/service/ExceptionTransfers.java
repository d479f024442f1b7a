package io.opendetection.exceptions.transfer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.item.persistence.ItemStatistics;
import io.opendetection.exceptions.item.persistence.StoredItem;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ExceptionListService;
import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A list with its items as one piece: exported as NDJSON, or duplicated into a new list. */
@ApplicationScoped
public class ExceptionTransfers {
    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    ExceptionItemRepository items;

    @Inject
    ItemStatistics statistics;

    @Inject
    ExceptionListService listService;

    @Inject
    Outbox outbox;

    @Inject
    ExceptionEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    /** An export: the file's name and its NDJSON (the list, its items, then the summary line). */
    public record Export(String fileName, Buffer ndjson) {
    }

    /** Kibana answers a list it cannot find with a 400 here, naming both identifiers. */
    public Uni<Export> export(String id, String listId, NamespaceType namespaceType, boolean includeExpired) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        // One transaction, so the list and its items are read as of one moment.
        return pool.withTransaction(tx -> lists.find(tx, namespace, new ListReference(id, listId))
                .onItem().ifNull().failWith(() -> ApiException.badRequest("exception list with list_id: " + listId
                        + " or id: " + id + " does not exist"))
                .flatMap(list -> items.findAllOf(tx, list.id()).map(all -> {
                    List<ExceptionItem> exported = includeExpired ? all : unexpired(all);
                    Buffer ndjson = Buffer.buffer();
                    line(ndjson, list);
                    exported.forEach(item -> line(ndjson, item));
                    line(ndjson, summary(exported.size()));
                    return new Export(list.listId(), ndjson);
                })));
    }

    /**
     * A copy of the list (named "... [Duplicate]", a new list_id) with copies of its items, expired
     * ones only when asked; the endpoint artifacts' lists are not duplicated (405), as in Kibana.
     */
    public Uni<ExceptionList> duplicate(String listId, NamespaceType namespaceType, boolean includeExpired) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        String user = caller.user();
        if (ExceptionList.ENDPOINT_LIST_ID.equals(listId)) {
            return Uni.createFrom().failure(notDuplicable(listId));
        }
        AtomicInteger copied = new AtomicInteger();
        return pool.withTransaction(tx -> lists.findByListId(tx, namespace, listId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound(
                                "exception list id: \"" + listId + "\" does not exist"))
                        .flatMap(original -> {
                            if (original.isEndpointArtifact()) {
                                throw notDuplicable(listId);
                            }
                            ExceptionList copy = original.duplicate(user);
                            return listService.insert(tx, namespace, copy)
                                    .flatMap(inserted -> items.findAllOf(tx, original.id()))
                                    .flatMap(originals -> {
                                        List<StoredItem> copies = new ArrayList<>();
                                        List<OutboxEvent> created = new ArrayList<>();
                                        for (ExceptionItem item : includeExpired ? originals : unexpired(originals)) {
                                            ExceptionItem itemCopy = item.copyInto(copy.listId(), user);
                                            copies.add(new StoredItem(copy.id(), itemCopy));
                                            created.add(events.itemCreated(namespace, copy.id(), itemCopy));
                                        }
                                        copied.set(copies.size());
                                        return items.insertAll(tx, namespace, copies)
                                                .flatMap(ignored -> outbox.append(tx, created));
                                    })
                                    .replaceWith(copy);
                        }))
                .invoke(duplicated -> {
                    outbox.committed();
                    statistics.written(copied.get());
                });
    }

    private static ApiException notDuplicable(String listId) {
        return ApiException.siem(405, "unable to duplicate exception list with list_id: " + listId
                + " - action not allowed");
    }

    private static List<ExceptionItem> unexpired(List<ExceptionItem> all) {
        Instant now = Instant.now();
        return all.stream().filter(item -> !item.expiredAt(now)).toList();
    }

    private ObjectNode summary(int itemCount) {
        ObjectNode summary = json.createObjectNode();
        summary.put("exported_exception_list_count", 1);
        summary.put("exported_exception_list_item_count", itemCount);
        summary.put("missing_exception_list_item_count", 0);
        summary.putArray("missing_exception_list_items");
        summary.putArray("missing_exception_lists");
        summary.put("missing_exception_lists_count", 0);
        return summary;
    }

    private void line(Buffer ndjson, Object value) {
        try {
            ndjson.appendBytes(json.writeValueAsBytes(value)).appendString("\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an exception document is not serialisable", e);
        }
    }
}
