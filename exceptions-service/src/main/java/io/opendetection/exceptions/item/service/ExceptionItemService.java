package io.opendetection.exceptions.item.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.exceptions.document.Versions;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.item.persistence.ItemStatistics;
import io.opendetection.exceptions.item.persistence.StoredItem;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.search.KqlFilters;
import io.opendetection.exceptions.search.Page;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.search.SqlFilter;
import io.opendetection.exceptions.valuelist.ValueLists;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Exception items of the lists of the caller's space, or of agnostic lists: each change with its event. */
@ApplicationScoped
public class ExceptionItemService {
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    ExceptionItemRepository items;

    @Inject
    ItemStatistics statistics;

    @Inject
    Outbox outbox;

    @Inject
    ExceptionEvents events;

    @Inject
    ValueLists valueLists;

    @Inject
    Caller caller;

    public Uni<ExceptionItem> create(NewExceptionItem request) {
        // The item lives where its list does: the list is looked up in the item's namespace.
        Namespace namespace = request.namespaceType().seenFrom(caller.space());
        ExceptionItem item = ExceptionItem.create(request, caller.user());
        // No transaction: the item and its event are one statement, and the list's foreign key
        // refuses the item if the list is deleted in between (then it is the list's 404, as before).
        return valueLists.requireExisting(item.entries())
                .flatMap(checked -> lists.findByListId(pool, namespace, request.listId()))
                .onItem().ifNull().failWith(() -> listNotFound(request.listId()))
                .flatMap(list -> allowedIn(namespace, list, item)
                        .chain(() -> items.insert(pool, outbox, namespace, list.id(), item,
                                events.itemCreated(namespace, list.id(), item))))
                .onFailure(ExceptionItemService::isMissingList).transform(failure -> listNotFound(request.listId()))
                .flatMap(inserted -> inserted ? Uni.createFrom().item(item)
                        : Uni.createFrom().failure(ApiException.conflict(
                                "exception list item id: \"" + item.itemId() + "\" already exists")))
                .invoke(created -> {
                    outbox.committed();
                    statistics.written(1);
                });
    }

    private static ApiException listNotFound(String listId) {
        return ApiException.notFound("exception list id: \"" + listId + "\" does not exist");
    }

    private static boolean isMissingList(Throwable failure) {
        return failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState());
    }

    /**
     * Kibana's extra rules for the entries of an endpoint list's items, checked after the item_id
     * (a taken one stays a 409, as Kibana looks for it first).
     */
    private Uni<Void> allowedIn(Namespace namespace, ExceptionList list, ExceptionItem item) {
        ApiException problem = "endpoint".equals(list.type()) ? EndpointEntryRules.problem(item.entries()) : null;
        if (problem == null) {
            return Uni.createFrom().voidItem();
        }
        return items.find(pool, namespace, new ItemReference(null, item.itemId())).map(existing -> {
            throw existing != null
                    ? ApiException.conflict("exception list item id: \"" + item.itemId() + "\" already exists")
                    : problem;
        });
    }

    public Uni<ExceptionItem> read(ItemReference reference, NamespaceType namespaceType) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        return items.find(pool, namespace, reference).onItem().ifNull().failWith(reference::notFound)
                .map(StoredItem::item);
    }

    public Uni<ExceptionItem> update(ItemUpdate update) {
        Namespace namespace = update.namespaceType().seenFrom(caller.space());
        String user = caller.user();
        return valueLists.requireExisting(update.entries())
                .flatMap(checked -> pool.withTransaction(tx -> items.findForUpdate(tx, namespace, update.reference())
                        .onItem().ifNull().failWith(() -> update.reference().notFound())
                        .flatMap(stored -> {
                            ExceptionItem current = stored.item();
                            if (update.versionId() != null
                                    && Versions.revisionOf(update.versionId()) != Versions.revisionOf(current.versionId())) {
                                throw ApiException.conflict("Saved object [" + savedObjectType(namespace) + "/"
                                        + current.id() + "] conflict");
                            }
                            ExceptionItem changed = current.updated(update, user);
                            return items.update(tx, new StoredItem(stored.listInternalId(), changed))
                                    .flatMap(ignored -> outbox.append(tx,
                                            events.itemUpdated(namespace, stored.listInternalId(), changed)))
                                    .replaceWith(changed);
                        })))
                .invoke(outbox::committed);
    }

    public Uni<ExceptionItem> delete(ItemReference reference, NamespaceType namespaceType) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        return pool.withTransaction(tx -> items.findForUpdate(tx, namespace, reference)
                        .onItem().ifNull().failWith(reference::notFound)
                        .flatMap(stored -> items.delete(tx, stored.item())
                                .flatMap(ignored -> outbox.append(tx,
                                        events.itemDeleted(stored.item().id(), stored.item().itemId())))
                                .replaceWith(stored.item())))
                .invoke(outbox::committed);
    }

    /**
     * One page of the items of several lists, each named by list_id in its namespace and filtered
     * by its own filter (when filters are given), matching {@code search}; 404 naming the list_ids
     * as given when one of them does not exist.
     */
    public Uni<Page<ExceptionItem>> find(List<String> listIds, List<NamespaceType> namespaceTypes, List<String> filters,
                                         String search, PageRequest page) {
        List<SqlFilter> listFilters = filters.stream().map(KqlFilters::of).toList();
        String space = caller.space();
        List<Uni<ExceptionList>> found = new ArrayList<>();
        for (int i = 0; i < listIds.size(); i++) {
            found.add(lists.findByListId(pool, namespaceTypes.get(i).seenFrom(space), listIds.get(i)));
        }
        return Uni.join().all(found).andFailFast().flatMap(resolved -> {
            if (resolved.stream().anyMatch(list -> list == null)) {
                throw ApiException.notFound("exception list id: \"" + String.join(",", listIds) + "\" does not exist");
            }
            List<String> listInternalIds = resolved.stream().map(ExceptionList::id).toList();
            return items.find(pool, listInternalIds,
                    perList(listInternalIds, listFilters).and(SqlFilter.containing(search)), page);
        });
    }

    /** Each list's items filtered by that list's filter (Kibana pairs them by position). */
    private static SqlFilter perList(List<String> listInternalIds, List<SqlFilter> filters) {
        if (filters.isEmpty()) {
            return SqlFilter.NONE;
        }
        return parameters -> {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < listInternalIds.size(); i++) {
                parameters.add(listInternalIds.get(i));
                alternatives.add("(exception_list_id = $" + parameters.size() + filters.get(i).and(parameters) + ")");
            }
            return " AND (" + String.join(" OR ", alternatives) + ")";
        };
    }

    /** Counts of a list's items per OS type; a list that does not exist has none. */
    public Uni<Map<String, Long>> summary(ListReference reference, NamespaceType namespaceType, SqlFilter filter) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        return lists.find(pool, namespace, reference).flatMap(list -> list == null
                ? Uni.createFrom().item(counts(0, 0, 0, 0))
                : items.summary(pool, list.id(), filter).map(row -> counts(row.getLong("linux"), row.getLong("macos"),
                        row.getLong("total"), row.getLong("windows"))));
    }

    private static Map<String, Long> counts(long linux, long macos, long total, long windows) {
        // Kibana's key order
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("linux", linux);
        counts.put("macos", macos);
        counts.put("total", total);
        counts.put("windows", windows);
        return counts;
    }

    private static String savedObjectType(Namespace namespace) {
        return namespace.type() == NamespaceType.AGNOSTIC ? "exception-list-agnostic" : "exception-list";
    }
}
