package io.opendetection.lists.list.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.lists.list.service.StoredList;
import io.opendetection.lists.list.service.ValueList;
import io.opendetection.lists.paging.Cursor;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.opendetection.lists.paging.SortColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Value lists in the {@code value_list} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ValueListRepository {
    private static final String INSERT = "INSERT INTO value_list (space, id, document) VALUES ($1, $2, $3::text::jsonb)"
            + " ON CONFLICT (space, id) DO NOTHING";
    private static final String BY_ID = "SELECT list_key, items_version, document::text AS document FROM value_list"
            + " WHERE space = $1 AND id = $2";
    private static final String LOCK_BY_ID = BY_ID + " FOR UPDATE";
    private static final String UPDATE = "UPDATE value_list SET document = $3::text::jsonb WHERE space = $1 AND id = $2";
    private static final String DELETE = "DELETE FROM value_list WHERE list_key = $1";
    private static final String DELETE_SPACE = "DELETE FROM value_list WHERE space = $1 RETURNING id, list_key";
    static final SortColumns SORTABLE = new SortColumns(Map.ofEntries(
            Map.entry("id", "id"),
            Map.entry("name", "document->>'name'"),
            Map.entry("description", "document->>'description'"),
            Map.entry("type", "document->>'type'"),
            Map.entry("created_at", "document->>'created_at'"),
            Map.entry("created_by", "document->>'created_by'"),
            Map.entry("updated_at", "document->>'updated_at'"),
            Map.entry("updated_by", "document->>'updated_by'"),
            Map.entry("tie_breaker_id", "document->>'tie_breaker_id'"),
            Map.entry("@timestamp", "document->>'@timestamp'")), "document->>'tie_breaker_id'");

    @Inject
    Documents documents;

    /** Stores a new list; false when the space already has a list with that id. */
    public Uni<Boolean> insert(SqlClient client, String space, ValueList list) {
        return client.preparedQuery(INSERT).execute(Tuple.of(space, list.id(), documents.write(list)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The space's list with this id, or null. */
    public Uni<ValueList> findById(SqlClient client, String space, String id) {
        return findStored(client, space, id).map(stored -> stored == null ? null : stored.list());
    }

    /** The space's list with this id and its key, or null. */
    public Uni<StoredList> findStored(SqlClient client, String space, String id) {
        return stored(client, BY_ID, space, id);
    }

    /** Like {@link #findStored}, holding the list's row until the transaction ends, so changes to it queue up. */
    public Uni<StoredList> lock(SqlClient transaction, String space, String id) {
        return stored(transaction, LOCK_BY_ID, space, id);
    }

    public Uni<Void> update(SqlClient client, String space, ValueList list) {
        return client.preparedQuery(UPDATE).execute(Tuple.of(space, list.id(), documents.write(list))).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient client, long key) {
        return client.preparedQuery(DELETE).execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Deletes every list of the space; the ids of those deleted. */
    /** Removes the space's lists (not their items); answers each one's id and key. */
    public Uni<List<DeletedList>> deleteSpace(SqlClient client, String space) {
        return client.preparedQuery(DELETE_SPACE).execute(Tuple.of(space)).map(rows -> {
            List<DeletedList> deleted = new ArrayList<>();
            rows.forEach(row -> deleted.add(new DeletedList(row.getString("id"), row.getLong("list_key"))));
            return deleted;
        });
    }

    public record DeletedList(String id, long key) {
    }

    /** One page of the space's lists, with the total, matching the trusted SQL {@code condition} (or all). */
    public Uni<Page<ValueList>> find(SqlClient client, String space, FindRequest request, String condition,
                                     List<Object> conditionParameters) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(space);
        parameters.addAll(conditionParameters);
        String where = " WHERE space = $1" + (condition == null ? "" : " AND (" + condition + ")");
        List<Object> pageParameters = new ArrayList<>(parameters);
        String after = SORTABLE.after(request, pageParameters.size() + 1, pageParameters);
        String offset = after.isEmpty() ? " OFFSET " + request.startIndex() : "";
        String sortColumn = SORTABLE.column(request.sortField());
        String sql = "SELECT document::text AS document, " + sortColumn + " AS sort_value, document->>'tie_breaker_id' AS tie"
                + " FROM value_list" + where + after + SORTABLE.orderBy(request) + " LIMIT " + request.perPage() + offset;
        Uni<Long> total = client.preparedQuery("SELECT count(*) AS total FROM value_list" + where)
                .execute(Tuple.from(parameters)).map(rows -> rows.iterator().next().getLong("total"));
        Uni<List<Row>> rows = client.preparedQuery(sql).execute(Tuple.from(pageParameters)).map(found -> {
            List<Row> list = new ArrayList<>();
            found.forEach(list::add);
            return list;
        });
        return Uni.combine().all().unis(total, rows).asTuple().map(both -> {
            List<ValueList> data = new ArrayList<>();
            List<String> last = null;
            for (Row row : both.getItem2()) {
                data.add(documents.read(row.getString("document"), ValueList.class));
                last = SortColumns.sortValues(row.getString("sort_value"), row.getString("tie"), request.sortField() != null);
            }
            return new Page<>(Cursor.encode(request.page(), request.perPage(), last), data, request.page(),
                    request.perPage(), both.getItem1());
        });
    }

    private Uni<StoredList> stored(SqlClient client, String sql, String space, String id) {
        return client.preparedQuery(sql).execute(Tuple.of(space, id)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return null;
            }
            Row row = iterator.next();
            return new StoredList(row.getLong("list_key"), row.getLong("items_version"),
                    documents.read(row.getString("document"), ValueList.class));
        });
    }
}
