package io.opendetection.lists.item.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.lists.item.service.ItemIds;
import io.opendetection.lists.item.service.ListItem;
import io.opendetection.lists.item.service.TypedValue;
import io.opendetection.lists.list.service.Revisions;
import io.opendetection.lists.paging.Cursor;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.opendetection.lists.paging.SortColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values of the lists, in the {@code list_item} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ListItemRepository {
    private static final String COLUMNS = "i.list_key, i.item_key, i.revision, i.id, i.value, i.meta::text AS meta,"
            + " i.tie_breaker_id, i.created_at, i.created_by, i.updated_at, i.updated_by,"
            + " l.id AS list_id, l.document->>'type' AS type";
    private static final String FROM = " FROM list_item i JOIN value_list l ON l.list_key = i.list_key";
    // every change of a list's items bumps the list's items_version in the same statement: replicas
    // holding the list's values in memory compare it (every change names the list as $1). Inserts take
    // their list key from the bumped row, so they add nothing to a list that is gone (no foreign key, V6).
    private static final String BUMP = "WITH bumped AS (UPDATE value_list SET items_version = items_version + 1"
            + " WHERE list_key = $1 RETURNING list_key) ";
    private static final String INSERT = BUMP + "INSERT INTO list_item (list_key, space, id, value, match_key, ip_range, meta,"
            + " tie_breaker_id, created_at, created_by, updated_at, updated_by)"
            + " SELECT b.list_key, $2, $3, $4, $5, $6::inetrange, $7::text::jsonb, $8, $9, $10, $9, $10 FROM bumped b"
            + " ON CONFLICT (space, id) WHERE id IS NOT NULL DO NOTHING";
    // one statement per batch of thousands of values: arrays travel as single parameters; the items'
    // ids and tie breakers are their keys' (ItemIds, V7)
    private static final String INSERT_BATCH = BUMP + "INSERT INTO list_item (list_key, space, value, match_key, ip_range,"
            + " created_at, created_by, updated_at, updated_by)"
            + " SELECT b.list_key, $2, v.value, v.match_key, v.ip_range::inetrange, $3, $4, $3, $4"
            + " FROM bumped b, unnest($5::text[], $6::text[], $7::text[]) AS v(value, match_key, ip_range)";
    private static final String BY_ID = "SELECT " + COLUMNS + FROM + " WHERE i.space = $1 AND i.id = $2";
    private static final String BY_IMPORTED_ID = "SELECT " + COLUMNS + FROM
            + " WHERE i.list_key = $2 AND i.item_key = $3 AND i.id IS NULL AND l.space = $1";
    // an item's value is found through the hash index of V5, whose expression the condition repeats
    private static final String BY_VALUE = "SELECT " + COLUMNS + FROM + " WHERE hashtextextended(i.match_key, i.list_key)"
            + " = hashtextextended($2, $1) AND i.list_key = $1 AND i.match_key = $2 ORDER BY i.item_key";
    private static final String UPDATE = BUMP + "UPDATE list_item SET value = $3, match_key = $4, ip_range = $5::inetrange,"
            + " meta = $6::text::jsonb, updated_at = $7, updated_by = $8, revision = revision + 1"
            + " WHERE list_key = $1 AND item_key = $2";
    private static final String DELETE_ONE = BUMP + "DELETE FROM list_item WHERE list_key = $1 AND item_key = $2";
    private static final String DELETE_BY_VALUE = BUMP + "DELETE FROM list_item WHERE hashtextextended(match_key, list_key)"
            + " = hashtextextended($2, $1) AND list_key = $1 AND match_key = $2";
    // these two go with their lists, whose keys are never used again: nothing to bump
    private static final String DELETE_ALL = "DELETE FROM list_item WHERE list_key = $1";
    private static final String DELETE_LISTS = "DELETE FROM list_item WHERE list_key = ANY($1)";
    private static final String VALUES_AFTER = "SELECT item_key, value FROM list_item WHERE list_key = $1 AND item_key > $2"
            + " ORDER BY item_key LIMIT $3";
    // values asked about that equal an item's normalised value
    private static final String MATCH_EXACT = "SELECT DISTINCT q.key FROM unnest($2::text[]) AS q(key)"
            + " JOIN list_item i ON hashtextextended(i.match_key, i.list_key) = hashtextextended(q.key, $1)"
            + " AND i.list_key = $1 AND i.match_key = q.key";
    // addresses asked about that fall inside a range item: the list's ranges merged once (PostgreSQL 14+
    // multiranges), then a binary search per address
    private static final String MATCH_RANGES = "SELECT q.key FROM unnest($2::text[]) AS q(key),"
            + " (SELECT range_agg(ip_range) AS covered FROM list_item WHERE list_key = $1 AND ip_range IS NOT NULL) m"
            + " WHERE m.covered @> q.key::inet";
    static final SortColumns SORTABLE = new SortColumns(Map.ofEntries(
            Map.entry("id", ItemIds.SQL_ID),
            Map.entry("value", "i.value"),
            Map.entry("created_at", "i.created_at"),
            Map.entry("created_by", "i.created_by"),
            Map.entry("updated_at", "i.updated_at"),
            Map.entry("updated_by", "i.updated_by"),
            Map.entry("tie_breaker_id", ItemIds.SQL_TIE_BREAKER),
            Map.entry("@timestamp", "i.created_at")), ItemIds.SQL_TIE_BREAKER);

    @Inject
    ObjectMapper json;

    /** Stores a new item; false when the space already has an item with its id. */
    public Uni<Boolean> insert(SqlClient client, long listKey, String space, ListItem item, TypedValue typed) {
        return client.preparedQuery(INSERT).execute(Tuple.from(List.of(listKey, space, item.id(), typed.value(),
                        typed.matchKey())).addString(typed.ipRange()).addString(write(item.meta()))
                        .addString(item.tieBreakerId()).addString(item.createdAt()).addString(item.createdBy()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores a batch of checked values as new items, in the order given. */
    public Uni<Void> insertBatch(SqlClient client, long listKey, String space, String user, String now,
                                 List<TypedValue> values) {
        int size = values.size();
        String[] texts = new String[size];
        String[] keys = new String[size];
        String[] ranges = new String[size];
        for (int i = 0; i < size; i++) {
            TypedValue value = values.get(i);
            texts[i] = value.value();
            keys[i] = value.matchKey();
            ranges[i] = value.ipRange();
        }
        return client.preparedQuery(INSERT_BATCH)
                .execute(Tuple.of(listKey, space, now, user).addArrayOfString(texts).addArrayOfString(keys)
                        .addArrayOfString(ranges))
                .replaceWithVoid();
    }

    public Uni<StoredItem> findById(SqlClient client, String space, String id) {
        long[] keys = ItemIds.importedKeys(id);
        Uni<RowSet<Row>> found = keys == null ? client.preparedQuery(BY_ID).execute(Tuple.of(space, id))
                : client.preparedQuery(BY_IMPORTED_ID).execute(Tuple.of(space, keys[0], keys[1]));
        return found.map(rows -> {
            var iterator = rows.iterator();
            return iterator.hasNext() ? stored(iterator.next()) : null;
        });
    }

    public Uni<List<StoredItem>> findByValue(SqlClient client, long listKey, String matchKey) {
        return client.preparedQuery(BY_VALUE).execute(Tuple.of(listKey, matchKey)).map(this::all);
    }

    public Uni<Void> update(SqlClient client, StoredItem stored, TypedValue typed, JsonNode meta, String now, String user) {
        return client.preparedQuery(UPDATE).execute(Tuple.of(stored.listKey(), stored.itemKey(), typed.value(),
                        typed.matchKey()).addString(typed.ipRange()).addString(write(meta)).addString(now).addString(user))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient client, StoredItem stored) {
        return client.preparedQuery(DELETE_ONE).execute(Tuple.of(stored.listKey(), stored.itemKey())).replaceWithVoid();
    }

    public Uni<Void> deleteByValue(SqlClient client, long listKey, String matchKey) {
        return client.preparedQuery(DELETE_BY_VALUE).execute(Tuple.of(listKey, matchKey)).replaceWithVoid();
    }

    public Uni<Void> deleteAll(SqlClient client, long listKey) {
        return client.preparedQuery(DELETE_ALL).execute(Tuple.of(listKey)).replaceWithVoid();
    }

    /** Removes every item of the lists with these keys. */
    public Uni<Void> deleteLists(SqlClient client, List<Long> listKeys) {
        return client.preparedQuery(DELETE_LISTS).execute(Tuple.of(listKeys.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Up to {@code limit} values after the item {@code afterKey}, in insertion order, with their keys. */
    public Uni<RowSet<Row>> valuesAfter(SqlClient client, long listKey, long afterKey, int limit) {
        return client.preparedQuery(VALUES_AFTER).execute(Tuple.of(listKey, afterKey, limit));
    }

    /** Refreshes the planner's statistics of the items, after a large import. */
    public Uni<Void> analyze(SqlClient client) {
        return client.query("ANALYZE list_item").execute().replaceWithVoid();
    }

    /** Of the normalised values given, those equal to an item's. */
    public Uni<List<String>> matchingExactly(SqlClient client, long listKey, String[] keys) {
        return client.preparedQuery(MATCH_EXACT).execute(Tuple.of(listKey).addArrayOfString(keys)).map(rows -> {
            List<String> found = new ArrayList<>();
            rows.forEach(row -> found.add(row.getString("key")));
            return found;
        });
    }

    /** Of the canonical addresses given, those inside a range item. */
    public Uni<List<String>> insideRanges(SqlClient client, long listKey, String[] addresses) {
        return client.preparedQuery(MATCH_RANGES).execute(Tuple.of(listKey).addArrayOfString(addresses)).map(rows -> {
            List<String> found = new ArrayList<>();
            rows.forEach(row -> found.add(row.getString("key")));
            return found;
        });
    }

    /** One page of a list's items, with the total, matching the trusted SQL {@code condition} (or all). */
    public Uni<Page<ListItem>> find(SqlClient client, long listKey, FindRequest request, String condition,
                                    List<Object> conditionParameters) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(listKey);
        parameters.addAll(conditionParameters);
        String where = " WHERE i.list_key = $1" + (condition == null ? "" : " AND (" + condition + ")");
        List<Object> pageParameters = new ArrayList<>(parameters);
        String after = SORTABLE.after(request, pageParameters.size() + 1, pageParameters);
        String offset = after.isEmpty() ? " OFFSET " + request.startIndex() : "";
        String sql = "SELECT " + COLUMNS + ", " + SORTABLE.column(request.sortField()) + " AS sort_value" + FROM + where
                + after + SORTABLE.orderBy(request) + " LIMIT " + request.perPage() + offset;
        Uni<Long> total = client.preparedQuery("SELECT count(*) AS total" + FROM + where).execute(Tuple.from(parameters))
                .map(rows -> rows.iterator().next().getLong("total"));
        Uni<RowSet<Row>> rows = client.preparedQuery(sql).execute(Tuple.from(pageParameters));
        return Uni.combine().all().unis(total, rows).asTuple().map(both -> {
            List<ListItem> data = new ArrayList<>();
            List<String> last = null;
            for (Row row : both.getItem2()) {
                ListItem item = stored(row).item();
                data.add(item);
                last = SortColumns.sortValues(row.getString("sort_value"), item.tieBreakerId(), request.sortField() != null);
            }
            return new Page<>(Cursor.encode(request.page(), request.perPage(), last), data, request.page(),
                    request.perPage(), both.getItem1());
        });
    }

    private List<StoredItem> all(RowSet<Row> rows) {
        List<StoredItem> items = new ArrayList<>();
        rows.forEach(row -> items.add(stored(row)));
        return items;
    }

    private StoredItem stored(Row row) {
        int revision = row.getInteger("revision");
        long listKey = row.getLong("list_key");
        long itemKey = row.getLong("item_key");
        String id = row.getString("id");
        String tieBreaker = row.getString("tie_breaker_id");
        ListItem item = new ListItem(Revisions.versionId(revision), row.getString("created_at"),
                row.getString("created_at"), row.getString("created_by"),
                id != null ? id : ItemIds.imported(listKey, itemKey), row.getString("list_id"),
                read(row.getString("meta")), tieBreaker != null ? tieBreaker : ItemIds.importedTieBreaker(listKey, itemKey),
                row.getString("type"), row.getString("updated_at"), row.getString("updated_by"), row.getString("value"));
        return new StoredItem(listKey, itemKey, revision, item);
    }

    private String write(JsonNode meta) {
        try {
            return meta == null ? null : json.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String meta) {
        try {
            return meta == null ? null : json.readTree(meta);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
