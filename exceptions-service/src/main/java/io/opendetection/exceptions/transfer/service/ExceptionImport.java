package io.opendetection.exceptions.transfer.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.item.persistence.ItemStatistics;
import io.opendetection.exceptions.item.persistence.StoredItem;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.NewExceptionItem;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.NewExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.transfer.service.ImportFile.ImportedItem;
import io.opendetection.exceptions.valuelist.ValueLists;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the objects of an import file: new lists and items are created, existing ones skipped
 * (409 in the report) or, with {@code overwrite}, replaced (an overwritten list loses the items the
 * file does not bring back). All that is imported is written in one transaction with its events;
 * what is not is reported, object by object.
 */
@ApplicationScoped
public class ExceptionImport {
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

    public Uni<ImportReport> run(ImportFile file, boolean overwrite, boolean asNewList) {
        Plan plan = new Plan(caller.user(), caller.space(), overwrite, new ArrayList<>(file.errors()));
        Map<String, String> newListIds = new HashMap<>();
        for (NewExceptionList request : file.lists()) {
            ExceptionList list = ExceptionList.create(request, plan.user);
            if (asNewList) {
                String newListId = UUID.randomUUID().toString();
                newListIds.put(request.listId(), newListId);
                list = list.withListId(newListId);
            }
            plan.fileLists.add(list);
        }
        List<ImportedItem> fileItems = file.items().stream().map(imported -> {
            NewExceptionItem item = imported.item();
            String newListId = newListIds.get(item.listId());
            return newListId == null ? imported : new ImportedItem(new NewExceptionItem(newListId,
                    UUID.randomUUID().toString(), item.name(), item.description(), item.type(), item.entries(),
                    item.namespaceType(), item.osTypes(), item.tags(), item.comments(), item.expireTime(), item.meta()),
                    imported.comments());
        }).toList();
        return withExistingValueLists(fileItems, plan)
                .flatMap(checked -> pool.withTransaction(tx -> write(tx, plan, checked)))
                .invoke(report -> {
                    outbox.committed();
                    statistics.written(plan.itemCount);
                });
    }

    /** Items whose {@code list} entries name value lists that exist; the others are reported. */
    private Uni<List<ImportedItem>> withExistingValueLists(List<ImportedItem> fileItems, Plan plan) {
        return Multi.createFrom().iterable(fileItems)
                .onItem().transformToUniAndConcatenate(imported -> valueLists.problems(imported.item().entries())
                        .map(problems -> {
                            if (problems.isEmpty()) {
                                return imported;
                            }
                            plan.errors.add(ImportError.ofItem(imported.item().itemId(), imported.item().listId(), 400,
                                    String.join(", ", problems)));
                            return null;
                        }))
                .filter(imported -> imported != null)
                .collect().asList();
    }

    private Uni<ImportReport> write(SqlConnection tx, Plan plan, List<ImportedItem> fileItems) {
        return existingLists(tx, plan, plan.fileLists.stream().map(list -> new ListKey(list.namespaceType(),
                        list.listId())).toList())
                .flatMap(existing -> placeLists(tx, plan, existing))
                .flatMap(placed -> {
                    List<ListKey> wanted = fileItems.stream().map(imported -> new ListKey(
                                    imported.item().namespaceType(), imported.item().listId()))
                            .filter(key -> !plan.targets.containsKey(key)).distinct().toList();
                    return existingLists(tx, plan, wanted);
                })
                .flatMap(found -> {
                    plan.targets.putAll(found);
                    return placeItems(tx, plan, fileItems);
                })
                .flatMap(ignored -> outbox.append(tx, plan.events))
                .map(ignored -> ImportReport.of(plan.listCount, plan.itemCount, plan.errors));
    }

    private Uni<Map<ListKey, ExceptionList>> existingLists(SqlConnection tx, Plan plan, List<ListKey> keys) {
        Map<NamespaceType, List<String>> byNamespace = new LinkedHashMap<>();
        keys.forEach(key -> byNamespace.computeIfAbsent(key.namespaceType(), type -> new ArrayList<>()).add(key.listId()));
        Map<ListKey, ExceptionList> found = new HashMap<>();
        return Multi.createFrom().iterable(byNamespace.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> lists.findByListIds(tx,
                        entry.getKey().seenFrom(plan.space), entry.getValue()))
                .invoke(listsFound -> listsFound.forEach(list -> found.put(new ListKey(list.namespaceType(),
                        list.listId()), list)))
                .collect().last()
                .replaceWith(found);
    }

    private Uni<Void> placeLists(SqlConnection tx, Plan plan, Map<ListKey, ExceptionList> existing) {
        return Multi.createFrom().iterable(plan.fileLists)
                .onItem().transformToUniAndConcatenate(list -> {
                    ListKey key = new ListKey(list.namespaceType(), list.listId());
                    Namespace namespace = list.namespaceType().seenFrom(plan.space);
                    ExceptionList current = existing.get(key);
                    if (current == null) {
                        return lists.insert(tx, namespace, list).map(inserted -> {
                            if (inserted) {
                                plan.listImported(key, list, events.listCreated(namespace, list));
                            } else {
                                plan.listSkipped(list.listId());
                            }
                            return list;
                        });
                    }
                    if (!plan.overwrite) {
                        plan.listSkipped(list.listId());
                        plan.targets.put(key, current);
                        return Uni.createFrom().item(list);
                    }
                    ExceptionList replaced = current.replacedBy(list, plan.user);
                    return items.deleteAllOf(tx, current.id())
                            .invoke(deleted -> deleted.forEach(item -> plan.events.add(
                                    events.itemDeleted(item.id(), item.itemId()))))
                            .flatMap(deleted -> lists.update(tx, replaced))
                            .invoke(updated -> plan.listImported(key, replaced, events.listUpdated(namespace, replaced)))
                            .replaceWith(list);
                })
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> placeItems(SqlConnection tx, Plan plan, List<ImportedItem> fileItems) {
        Map<NamespaceType, List<ImportedItem>> byNamespace = new LinkedHashMap<>();
        for (ImportedItem imported : fileItems) {
            NewExceptionItem item = imported.item();
            if (!plan.targets.containsKey(new ListKey(item.namespaceType(), item.listId()))) {
                plan.errors.add(ImportError.ofItem(item.itemId(), item.listId(), 409, "Exception list with list_id: \""
                        + item.listId() + "\", not found for exception list item with item_id: \"" + item.itemId() + "\""));
            } else {
                byNamespace.computeIfAbsent(item.namespaceType(), type -> new ArrayList<>()).add(imported);
            }
        }
        return Multi.createFrom().iterable(byNamespace.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> placeItems(tx, plan, entry.getKey(), entry.getValue()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> placeItems(SqlConnection tx, Plan plan, NamespaceType namespaceType, List<ImportedItem> imported) {
        Namespace namespace = namespaceType.seenFrom(plan.space);
        List<String> itemIds = imported.stream().map(item -> item.item().itemId()).toList();
        return items.findByItemIds(tx, namespace, itemIds).flatMap(existing -> {
            Map<String, StoredItem> byItemId = new HashMap<>();
            existing.forEach(stored -> byItemId.put(stored.item().itemId(), stored));
            List<StoredItem> toInsert = new ArrayList<>();
            List<StoredItem> toUpdate = new ArrayList<>();
            for (ImportedItem candidate : imported) {
                ExceptionList list = plan.targets.get(new ListKey(namespaceType, candidate.item().listId()));
                ExceptionItem item = ExceptionItem.imported(candidate.item(), candidate.comments(), plan.user);
                StoredItem current = byItemId.get(item.itemId());
                if (current == null) {
                    toInsert.add(new StoredItem(list.id(), item));
                    plan.events.add(events.itemCreated(namespace, list.id(), item));
                } else if (plan.overwrite) {
                    ExceptionItem replaced = current.item().replacedBy(item, plan.user);
                    toUpdate.add(new StoredItem(list.id(), replaced));
                    plan.events.add(events.itemUpdated(namespace, list.id(), replaced));
                } else {
                    plan.errors.add(ImportError.ofItem(item.itemId(), item.listId(), 409, "Found that item_id: \""
                            + item.itemId() + "\" already exists. Import of item_id: \"" + item.itemId() + "\" skipped."));
                }
            }
            plan.itemCount += toInsert.size() + toUpdate.size();
            return items.insertAll(tx, namespace, toInsert).flatMap(ignored -> items.updateAll(tx, toUpdate));
        });
    }

    /** A list as the file names it: its list_id in its namespace. */
    private record ListKey(NamespaceType namespaceType, String listId) {
    }

    /** What one import has decided so far. */
    private static final class Plan {
        final String user;
        final String space;
        final boolean overwrite;
        final List<ImportError> errors;
        final List<ExceptionList> fileLists = new ArrayList<>();
        /** The list each item of the file goes to: imported, or already stored. */
        final Map<ListKey, ExceptionList> targets = new HashMap<>();
        final List<OutboxEvent> events = new ArrayList<>();
        int listCount;
        int itemCount;

        Plan(String user, String space, boolean overwrite, List<ImportError> errors) {
            this.user = user;
            this.space = space;
            this.overwrite = overwrite;
            this.errors = errors;
        }

        void listImported(ListKey key, ExceptionList list, OutboxEvent event) {
            targets.put(key, list);
            events.add(event);
            listCount++;
        }

        void listSkipped(String listId) {
            errors.add(ImportError.ofList(listId, 409, "Found that list_id: \"" + listId
                    + "\" already exists. Import of list_id: \"" + listId + "\" skipped."));
        }
    }
}
