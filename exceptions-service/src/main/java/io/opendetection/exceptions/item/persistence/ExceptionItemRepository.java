package io.opendetection.exceptions.item.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ItemReference;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.search.Page;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.search.SqlFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Exception items in the {@code exception_item} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ExceptionItemRepository {
    private static final String INSERT = "INSERT INTO exception_item (id, space, item_id, exception_list_id, document)"
            + " VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT (space, item_id) DO NOTHING";
    private static final String UPDATE =
            "UPDATE exception_item SET exception_list_id = $2, document = $3::text::jsonb WHERE id = $1";
    private static final String DELETE = "DELETE FROM exception_item WHERE id = $1";
    private static final String DELETE_ALL_OF =
            "DELETE FROM exception_item WHERE exception_list_id = $1 RETURNING id, item_id";
    private static final String COLUMNS = "SELECT exception_list_id, document::text AS document FROM exception_item";
    private static final String BY_ID = COLUMNS + " WHERE id = $1 AND space = $2";
    private static final String BY_ITEM_ID = COLUMNS + " WHERE space = $1 AND item_id = $2";
    private static final String BY_ITEM_IDS = COLUMNS + " WHERE space = $1 AND item_id = ANY($2)";
    private static final String ALL_OF = COLUMNS + " WHERE exception_list_id = $1 ORDER BY document->>'created_at', id";
    // The expression of the exception_item_value_lists index, so the planner uses it.
    private static final String REFERRING_TO_VALUE_LIST = COLUMNS + " WHERE space = ANY($1)"
            + " AND jsonb_path_query_array(document, 'lax $.entries[*].list.id') @> jsonb_build_array($2::text)"
            + " ORDER BY document->>'created_at', id";
    private static final String LOCK = " FOR UPDATE";
    // Counts per OS type; an item with several OS types counts once in the total.
    private static final String SUMMARY = "SELECT count(*) AS total,"
            + " count(*) FILTER (WHERE document->'os_types' ? 'linux') AS linux,"
            + " count(*) FILTER (WHERE document->'os_types' ? 'macos') AS macos,"
            + " count(*) FILTER (WHERE document->'os_types' ? 'windows') AS windows"
            + " FROM exception_item WHERE exception_list_id = $1";

    @Inject
    Documents documents;

    /**
     * Stores a new item of the list with internal id {@code listId} and its event in one statement;
     * false (and no event) when its namespace already has that item_id.
     */
    public Uni<Boolean> insert(SqlClient client, Outbox outbox, Namespace namespace, String listId, ExceptionItem item,
                               OutboxEvent event) {
        return outbox.writeWithEvent(client, INSERT + " RETURNING id", insertRow(namespace, listId, item), event);
    }

    /** Stores new items at once (their item_ids are known to be free), each in the list it names by internal id. */
    public Uni<Void> insertAll(SqlClient client, Namespace namespace, List<StoredItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(items.size());
        items.forEach(stored -> rows.add(insertRow(namespace, stored.listInternalId(), stored.item())));
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> update(SqlClient client, StoredItem stored) {
        return updateAll(client, List.of(stored));
    }

    public Uni<Void> updateAll(SqlClient client, List<StoredItem> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(changed.size());
        changed.forEach(stored -> rows.add(Tuple.of(UUID.fromString(stored.item().id()),
                stored.listInternalId(), documents.write(stored.item()))));
        return client.preparedQuery(UPDATE).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient client, ExceptionItem item) {
        return deleteAll(client, List.of(item));
    }

    public Uni<Void> deleteAll(SqlClient client, List<ExceptionItem> deleted) {
        if (deleted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(deleted.size());
        deleted.forEach(item -> rows.add(Tuple.of(UUID.fromString(item.id()))));
        return client.preparedQuery(DELETE).executeBatch(rows).replaceWithVoid();
    }

    /** Removes every item of a list, telling which. */
    public Uni<List<ItemKey>> deleteAllOf(SqlClient client, String listInternalId) {
        return client.preparedQuery(DELETE_ALL_OF).execute(Tuple.of(listInternalId)).map(rows -> {
            List<ItemKey> keys = new ArrayList<>(rows.size());
            rows.forEach(row -> keys.add(new ItemKey(row.getUUID("id").toString(), row.getString("item_id"))));
            return keys;
        });
    }

    /** The item a request names in the namespace, or null. */
    public Uni<StoredItem> find(SqlClient client, Namespace namespace, ItemReference reference) {
        return find(client, namespace, reference, "");
    }

    /** As {@link #find}, locking the row until the transaction ends. */
    public Uni<StoredItem> findForUpdate(SqlClient transaction, Namespace namespace, ItemReference reference) {
        return find(transaction, namespace, reference, LOCK);
    }

    /** The items of the namespace among these item_ids. */
    public Uni<List<StoredItem>> findByItemIds(SqlClient client, Namespace namespace, List<String> itemIds) {
        return client.preparedQuery(BY_ITEM_IDS)
                .execute(Tuple.of(namespace.storedSpace(), itemIds.toArray(String[]::new))).map(this::all);
    }

    /**
     * The items in these spaces ('' for agnostic) with a {@code list} entry naming the value list
     * {@code valueListId}, oldest first; locked until the transaction ends when {@code lock}.
     */
    public Uni<List<StoredItem>> findReferringTo(SqlClient client, List<String> storedSpaces, String valueListId,
                                                 boolean lock) {
        return client.preparedQuery(REFERRING_TO_VALUE_LIST + (lock ? LOCK : ""))
                .execute(Tuple.of(storedSpaces.toArray(String[]::new), valueListId)).map(this::all);
    }

    /** Every item of a list, oldest first. */
    public Uni<List<ExceptionItem>> findAllOf(SqlClient client, String listInternalId) {
        return client.preparedQuery(ALL_OF).execute(Tuple.of(listInternalId))
                .map(rows -> all(rows).stream().map(StoredItem::item).toList());
    }

    /** One page of the items of these lists (internal ids) that match the filter. */
    public Uni<Page<ExceptionItem>> find(SqlClient client, List<String> listInternalIds, SqlFilter filter, PageRequest page) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(listInternalIds.toArray(String[]::new));
        String where = " FROM exception_item WHERE exception_list_id = ANY($1)" + filter.and(parameters);
        Tuple countParameters = Tuple.from(new ArrayList<>(parameters));
        String sql = "SELECT exception_list_id, document::text AS document" + where + page.orderAndLimit(parameters);
        return client.preparedQuery("SELECT count(*) AS total" + where).execute(countParameters)
                .flatMap(total -> client.preparedQuery(sql).execute(Tuple.from(parameters))
                        .map(rows -> new Page<>(all(rows).stream().map(StoredItem::item).toList(), page.page(),
                                page.perPage(), total.iterator().next().getLong("total"))));
    }

    /** Counts of a list's items: total, and per OS type. */
    public Uni<Row> summary(SqlClient client, String listInternalId, SqlFilter filter) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(listInternalId);
        String sql = SUMMARY + filter.and(parameters);
        return client.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> rows.iterator().next());
    }

    private Uni<StoredItem> find(SqlClient client, Namespace namespace, ItemReference reference, String lock) {
        if (reference.id() != null) {
            UUID uuid = uuidOrNull(reference.id());
            if (uuid == null) {
                return Uni.createFrom().nullItem();
            }
            return client.preparedQuery(BY_ID + lock).execute(Tuple.of(uuid, namespace.storedSpace())).map(this::firstOrNull);
        }
        return client.preparedQuery(BY_ITEM_ID + lock).execute(Tuple.of(namespace.storedSpace(), reference.itemId()))
                .map(this::firstOrNull);
    }

    private Tuple insertRow(Namespace namespace, String listId, ExceptionItem item) {
        return Tuple.from(List.of(UUID.fromString(item.id()), namespace.storedSpace(), item.itemId(), listId,
                documents.write(item)));
    }

    private StoredItem firstOrNull(RowSet<Row> rows) {
        RowIterator<Row> iterator = rows.iterator();
        return iterator.hasNext() ? stored(iterator.next()) : null;
    }

    private List<StoredItem> all(RowSet<Row> rows) {
        List<StoredItem> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(stored(row)));
        return items;
    }

    private StoredItem stored(Row row) {
        return new StoredItem(row.getString("exception_list_id"),
                documents.read(row.getString("document"), ExceptionItem.class));
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
