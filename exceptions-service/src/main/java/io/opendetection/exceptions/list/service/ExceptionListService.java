package io.opendetection.exceptions.list.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.exceptions.document.Versions;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.search.Page;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.search.SqlFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Exception lists of the caller's space, or of every space for agnostic ones: each change with its event. */
@ApplicationScoped
public class ExceptionListService {
    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    ExceptionItemRepository items;

    @Inject
    Outbox outbox;

    @Inject
    ExceptionEvents events;

    @Inject
    Caller caller;

    public Uni<ExceptionList> create(NewExceptionList request) {
        Namespace namespace = request.namespaceType().seenFrom(caller.space());
        ExceptionList list = ExceptionList.create(request, caller.user());
        return pool.withTransaction(tx -> insert(tx, namespace, list))
                .invoke(outbox::committed)
                .replaceWith(list);
    }

    /** Stores a new list with its event; 409 when the namespace has its list_id already. */
    public Uni<Void> insert(SqlConnection tx, Namespace namespace, ExceptionList list) {
        return lists.insert(tx, namespace, list)
                .flatMap(inserted -> inserted
                        ? outbox.append(tx, events.listCreated(namespace, list))
                        : Uni.createFrom().failure(ApiException.conflict(
                                "exception list id: \"" + list.listId() + "\" already exists")));
    }

    public Uni<ExceptionList> read(ListReference reference, NamespaceType namespaceType) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        return lists.find(pool, namespace, reference).onItem().ifNull().failWith(reference::notFound);
    }

    public Uni<ExceptionList> update(ListUpdate update) {
        Namespace namespace = update.namespaceType().seenFrom(caller.space());
        String user = caller.user();
        return pool.withTransaction(tx -> lists.findForUpdate(tx, namespace, update.reference())
                        .onItem().ifNull().failWith(() -> update.reference().notFound())
                        .flatMap(current -> {
                            checkVersion(update.versionId(), current);
                            ExceptionList changed = current.updated(update, user);
                            return lists.update(tx, changed)
                                    .flatMap(ignored -> outbox.append(tx, events.listUpdated(namespace, changed)))
                                    .replaceWith(changed);
                        }))
                .invoke(outbox::committed);
    }

    /** Deletes the list and every item of it: a tombstone for each, items first. */
    public Uni<ExceptionList> delete(ListReference reference, NamespaceType namespaceType) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        return pool.withTransaction(tx -> lists.findForUpdate(tx, namespace, reference)
                        .onItem().ifNull().failWith(reference::notFound)
                        .flatMap(list -> deleteWithItems(tx, list).replaceWith(list)))
                .invoke(outbox::committed);
    }

    /** Removes a list and its items inside the caller's transaction, with their tombstones. */
    public Uni<Void> deleteWithItems(SqlConnection tx, ExceptionList list) {
        return items.deleteAllOf(tx, list.id())
                .flatMap(deleted -> {
                    List<OutboxEvent> tombstones = new ArrayList<>();
                    deleted.forEach(item -> tombstones.add(events.itemDeleted(item.id(), item.itemId())));
                    tombstones.add(events.listDeleted(list));
                    return lists.delete(tx, list).flatMap(ignored -> outbox.append(tx, tombstones));
                });
    }

    public Uni<Page<ExceptionList>> find(List<NamespaceType> namespaceTypes, SqlFilter filter, PageRequest page) {
        String space = caller.space();
        List<String> spaces = namespaceTypes.stream().map(type -> type.seenFrom(space).storedSpace()).distinct().toList();
        return lists.find(pool, spaces, filter, page);
    }

    /**
     * Saved objects refuse a change made from an older version than the stored one; so do we, in
     * the words of Kibana's saved-objects conflict.
     */
    private static void checkVersion(String versionId, ExceptionList current) {
        if (versionId != null && Versions.revisionOf(versionId) != Versions.revisionOf(current.versionId())) {
            throw ApiException.conflict("Saved object [" + savedObjectType(current.namespaceType()) + "/" + current.id()
                    + "] conflict");
        }
    }

    public static String savedObjectType(NamespaceType namespaceType) {
        return namespaceType == NamespaceType.AGNOSTIC ? "exception-list-agnostic" : "exception-list";
    }
}
