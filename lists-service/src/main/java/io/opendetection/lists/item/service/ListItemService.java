package io.opendetection.lists.item.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.lists.item.persistence.ListItemRepository;
import io.opendetection.lists.item.persistence.StoredItem;
import io.opendetection.lists.list.persistence.ValueListRepository;
import io.opendetection.lists.list.service.ListEvents;
import io.opendetection.lists.list.service.Revisions;
import io.opendetection.lists.list.service.StoredList;
import io.opendetection.lists.membership.service.MembershipIndex;
import io.opendetection.lists.membership.service.MembershipIndexes;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The values of the caller's space's lists: one by one, found, exported, and asked about in bulk. */
@ApplicationScoped
public class ListItemService {
    /** Values exported per query; each becomes one chunk of the streamed answer. */
    private static final int EXPORT_CHUNK = 10_000;

    @Inject
    Pool pool;

    @Inject
    ValueListRepository lists;

    @Inject
    ListItemRepository items;

    @Inject
    Outbox outbox;

    @Inject
    ListEvents events;

    @Inject
    Caller caller;

    @Inject
    MembershipIndexes membership;

    public Uni<ListItem> create(NewListItem request) {
        String space = caller.space();
        String user = caller.user();
        if (ItemIds.importedKeys(request.id()) != null) {
            // such an id may belong to an imported item now or later (its row's keys, ItemIds)
            return Uni.createFrom().failure(ApiException.badRequest("id: \"" + request.id()
                    + "\" has the form of the ids given to imported items; choose another id"));
        }
        return pool.withTransaction(tx -> lists.lock(tx, space, request.listId()).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(notFound(request.listId()));
            }
            String type = stored.list().type();
            TypedValue typed = typed(type, request.value());
            String now = Timestamps.now();
            String id = request.id() != null ? request.id() : ItemIds.next();
            ListItem item = new ListItem(Revisions.versionId(0), now, now, user, id, stored.list().id(), request.meta(),
                    ItemIds.tieBreaker(), type, now, user, typed.value());
            return items.insert(tx, stored.key(), space, item, typed).flatMap(inserted -> inserted
                    ? outbox.append(tx, events.updated(space, stored.list())).replaceWith(item)
                    : Uni.createFrom().failure(ApiException.conflict("list item id: \"" + id + "\" already exists")));
        })).invoke(outbox::committed);
    }

    public Uni<ListItem> read(String id) {
        return items.findById(pool, caller.space(), id).map(stored -> {
            if (stored == null) {
                throw ApiException.notFound("list item id: \"" + id + "\" does not exist");
            }
            return stored.item();
        });
    }

    /** The items of the list whose value equals {@code value} (several may). */
    public Uni<List<ListItem>> readByValue(String listId, String value) {
        return lists.findStored(pool, caller.space(), listId).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(notFound(listId));
            }
            String key = ValueTypes.matchKey(stored.list().type(), value);
            Uni<List<StoredItem>> found = key == null ? Uni.createFrom().item(List.of())
                    : items.findByValue(pool, stored.key(), key);
            return found.map(matches -> {
                if (matches.isEmpty()) {
                    throw ApiException.notFound("list_id: \"" + listId + "\" item of " + value + " does not exist");
                }
                return matches.stream().map(StoredItem::item).toList();
            });
        });
    }

    /** PUT and PATCH: the value and meta given replace the item's. */
    public Uni<ListItem> change(ItemChanges changes) {
        String space = caller.space();
        String user = caller.user();
        return pool.withTransaction(tx -> items.findById(tx, space, changes.id()).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list item id: \"" + changes.id() + "\" not found"));
            }
            ListItem current = stored.item();
            if (changes.versionId() != null && !changes.versionId().equals(current.versionId())) {
                return Uni.createFrom().failure(Revisions.conflict(current.id(), changes.versionId(), stored.revision()));
            }
            TypedValue typed = typed(current.type(), changes.value() != null ? changes.value() : current.value());
            var meta = changes.meta() != null ? changes.meta() : current.meta();
            String now = Timestamps.now();
            ListItem changed = new ListItem(Revisions.versionId(stored.revision() + 1), current.timestamp(),
                    current.createdAt(), current.createdBy(), current.id(), current.listId(), meta,
                    current.tieBreakerId(), current.type(), now, user, typed.value());
            return items.update(tx, stored, typed, meta, now, user)
                    .chain(() -> listChanged(tx, space, current.listId()))
                    .replaceWith(changed);
        })).invoke(outbox::committed);
    }

    public Uni<ListItem> delete(String id) {
        String space = caller.space();
        return pool.withTransaction(tx -> items.findById(tx, space, id).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list item with id: \"" + id + "\" not found"));
            }
            return items.delete(tx, stored)
                    .chain(() -> listChanged(tx, space, stored.item().listId()))
                    .replaceWith(stored.item());
        })).invoke(outbox::committed);
    }

    /** Deletes the list's items whose value equals {@code value}; those deleted. */
    public Uni<List<ListItem>> deleteByValue(String listId, String value) {
        String space = caller.space();
        return pool.withTransaction(tx -> lists.lock(tx, space, listId).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list_id: \"" + listId + "\" does not exist"));
            }
            String key = ValueTypes.matchKey(stored.list().type(), value);
            Uni<List<StoredItem>> found = key == null ? Uni.createFrom().item(List.of())
                    : items.findByValue(tx, stored.key(), key);
            return found.flatMap(matches -> {
                if (matches.isEmpty()) {
                    return Uni.createFrom().failure(ApiException.notFound(
                            "list_id: \"" + listId + "\" with " + value + " was not found"));
                }
                return items.deleteByValue(tx, stored.key(), key)
                        .chain(() -> outbox.append(tx, events.updated(space, stored.list())))
                        .replaceWith(matches.stream().map(StoredItem::item).toList());
            });
        })).invoke(outbox::committed);
    }

    public Uni<Page<ListItem>> find(String listId, FindRequest request, String condition, List<Object> parameters) {
        return lists.findStored(pool, caller.space(), listId).flatMap(stored -> stored == null
                ? Uni.createFrom().failure(notFound(listId))
                : items.find(pool, stored.key(), request, condition, parameters));
    }

    /** The list to export, or a 400 as Kibana answers an export of a missing list. */
    public Uni<StoredList> exportable(String listId) {
        return lists.findStored(pool, caller.space(), listId).map(stored -> {
            if (stored == null) {
                throw ApiException.badRequest("list_id: " + listId + " does not exist");
            }
            return stored;
        });
    }

    /** The list's values, one per line, in the order they were added, a chunk of lines per query. */
    public Multi<Buffer> export(StoredList list) {
        AtomicLong after = new AtomicLong(0);
        return Multi.createBy().repeating()
                .uni(() -> items.valuesAfter(pool, list.key(), after.get(), EXPORT_CHUNK).map(rows -> {
                    StringBuilder lines = new StringBuilder(rows.size() * 16);
                    for (Row row : rows) {
                        lines.append(row.getString("value")).append('\n');
                        after.set(row.getLong("item_key"));
                    }
                    return Buffer.buffer(lines.toString().getBytes(StandardCharsets.UTF_8));
                }))
                .until(chunk -> chunk.length() == 0);
    }

    /** A list's values, at most {@code limit} of them; {@code complete} says whether that was all. */
    public record ListValues(String type, List<String> values, boolean complete) {
    }

    /**
     * The values of a list for the rule executor to apply an exception with, in the order they
     * were added: read a chunk at a time, and never more than one past the limit, so asking for
     * a small list's values cannot load a huge one.
     */
    public Uni<ListValues> values(String listId, int limit) {
        return lists.findStored(pool, caller.space(), listId).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list id: \"" + listId + "\" does not exist"));
            }
            List<String> values = new ArrayList<>();
            AtomicLong after = new AtomicLong(0);
            return Multi.createBy().repeating()
                    .uni(() -> items.valuesAfter(pool, stored.key(), after.get(),
                            Math.min(EXPORT_CHUNK, limit + 1 - values.size())).map(rows -> {
                        for (Row row : rows) {
                            values.add(row.getString("value"));
                            after.set(row.getLong("item_key"));
                        }
                        return rows.size();
                    }))
                    .until(read -> read == 0 || values.size() > limit)
                    .collect().last()
                    .map(ignored -> values.size() > limit
                            ? new ListValues(stored.list().type(), values.subList(0, limit), false)
                            : new ListValues(stored.list().type(), values, true));
        });
    }

    /**
     * Of the values given, those in the list, in the order given: equal after normalisation, or
     * for ip and ip_range lists also an address inside a range or CIDR item. Answered from this
     * replica's in-memory index of the list when one is current, else by PostgreSQL.
     */
    public Uni<List<String>> matches(String listId, List<String> values) {
        return lists.findStored(pool, caller.space(), listId).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list id: \"" + listId + "\" does not exist"));
            }
            String type = stored.list().type();
            Map<String, String> keys = new LinkedHashMap<>();
            for (String value : values) {
                String key = ValueTypes.matchKey(type, value);
                if (key != null) {
                    keys.putIfAbsent(value, key);
                }
            }
            if (keys.isEmpty()) {
                return Uni.createFrom().item(List.<String>of());
            }
            MembershipIndex index = membership.current(stored);
            if (index != null) {
                return Uni.createFrom().item(matched(keys, index::contains));
            }
            String[] asked = keys.values().stream().distinct().toArray(String[]::new);
            Uni<List<String>> exact = items.matchingExactly(pool, stored.key(), asked);
            Uni<List<String>> ranged = ValueTypes.coversAddresses(type)
                    ? items.insideRanges(pool, stored.key(), asked) : Uni.createFrom().item(List.of());
            return Uni.combine().all().unis(exact, ranged).asTuple().map(found -> {
                Set<String> inList = new HashSet<>(found.getItem1());
                inList.addAll(found.getItem2());
                return matched(keys, inList::contains);
            });
        });
    }

    /** The values (keys of {@code keys}, in their order) whose match key is in the list. */
    private static List<String> matched(Map<String, String> keys, Predicate<String> inList) {
        List<String> matched = new ArrayList<>();
        keys.forEach((value, key) -> {
            if (inList.test(key)) {
                matched.add(value);
            }
        });
        return matched;
    }

    private Uni<Void> listChanged(SqlConnection tx, String space, String listId) {
        return lists.findById(tx, space, listId).flatMap(list -> outbox.append(tx, events.updated(space, list)));
    }

    static TypedValue typed(String type, String value) {
        try {
            return ValueTypes.parse(type, value);
        } catch (InvalidValueException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static ApiException notFound(String listId) {
        return ApiException.notFound("list id: \"" + listId + "\" does not exist");
    }
}
