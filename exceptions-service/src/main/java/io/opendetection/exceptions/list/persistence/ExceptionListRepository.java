package io.opendetection.exceptions.list.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ListReference;
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

/** Exception lists in the {@code exception_list} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ExceptionListRepository {
    private static final String INSERT = "INSERT INTO exception_list (id, space, list_id, document)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (space, list_id) DO NOTHING";
    private static final String UPDATE = "UPDATE exception_list SET list_id = $2, document = $3::text::jsonb WHERE id = $1";
    private static final String DELETE = "DELETE FROM exception_list WHERE id = $1";
    private static final String BY_ID = "SELECT document::text AS document FROM exception_list WHERE id = $1 AND space = $2";
    private static final String BY_LIST_ID =
            "SELECT document::text AS document FROM exception_list WHERE space = $1 AND list_id = $2";
    private static final String BY_LIST_IDS =
            "SELECT document::text AS document FROM exception_list WHERE space = $1 AND list_id = ANY($2)";
    private static final String BY_IDS = "SELECT document::text AS document FROM exception_list WHERE id = ANY($1)";
    // Row locks for changes, so two concurrent changes of one list are applied one after the other.
    private static final String LOCK = " FOR UPDATE";

    @Inject
    Documents documents;

    /** Stores a new list; false when its namespace already has a list with that list_id. */
    public Uni<Boolean> insert(SqlClient client, Namespace namespace, ExceptionList list) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(list.id(), namespace.storedSpace(), list.listId(), documents.write(list)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores a new version of a list already stored. */
    public Uni<Void> update(SqlClient client, ExceptionList list) {
        return client.preparedQuery(UPDATE)
                .execute(Tuple.of(list.id(), list.listId(), documents.write(list)))
                .replaceWithVoid();
    }

    /** Removes the list row; its items must be gone first. */
    public Uni<Void> delete(SqlClient client, ExceptionList list) {
        return client.preparedQuery(DELETE).execute(Tuple.of(list.id())).replaceWithVoid();
    }

    /** The list with this id in the namespace, or null. */
    public Uni<ExceptionList> findById(SqlClient client, Namespace namespace, String id) {
        return byId(client, namespace, id, BY_ID);
    }

    /** The list with this list_id in the namespace, or null. */
    public Uni<ExceptionList> findByListId(SqlClient client, Namespace namespace, String listId) {
        return client.preparedQuery(BY_LIST_ID).execute(Tuple.of(namespace.storedSpace(), listId)).map(this::firstOrNull);
    }

    /** The list a request names, by id when it gives one, or null. */
    public Uni<ExceptionList> find(SqlClient client, Namespace namespace, ListReference reference) {
        return reference.id() != null ? findById(client, namespace, reference.id())
                : findByListId(client, namespace, reference.listId());
    }

    /** As {@link #find}, locking the row until the transaction ends. */
    public Uni<ExceptionList> findForUpdate(SqlClient transaction, Namespace namespace, ListReference reference) {
        if (reference.id() != null) {
            return byId(transaction, namespace, reference.id(), BY_ID + LOCK);
        }
        return transaction.preparedQuery(BY_LIST_ID + LOCK).execute(Tuple.of(namespace.storedSpace(), reference.listId()))
                .map(this::firstOrNull);
    }

    /** The lists of the namespace among these list_ids. */
    public Uni<List<ExceptionList>> findByListIds(SqlClient client, Namespace namespace, List<String> listIds) {
        return client.preparedQuery(BY_LIST_IDS).execute(Tuple.of(namespace.storedSpace(), listIds.toArray(String[]::new)))
                .map(this::all);
    }

    /** The lists with these ids, whatever their namespace (the ids come from their own items). */
    public Uni<List<ExceptionList>> findByIds(SqlClient client, List<String> ids) {
        return client.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(String[]::new))).map(this::all);
    }

    /** One page of the lists in these spaces ('' for agnostic) that match the filter. */
    public Uni<Page<ExceptionList>> find(SqlClient client, List<String> storedSpaces, SqlFilter filter, PageRequest page) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(storedSpaces.toArray(String[]::new));
        String where = " FROM exception_list WHERE space = ANY($1)" + filter.and(parameters);
        Tuple countParameters = Tuple.from(new ArrayList<>(parameters));
        String count = "SELECT count(*) AS total" + where;
        String select = "SELECT document::text AS document" + where + page.orderAndLimit(parameters);
        return client.preparedQuery(count).execute(countParameters)
                .flatMap(total -> client.preparedQuery(select).execute(Tuple.from(parameters))
                        .map(rows -> new Page<>(all(rows), page.page(), page.perPage(),
                                total.iterator().next().getLong("total"))));
    }

    private Uni<ExceptionList> byId(SqlClient client, Namespace namespace, String id, String sql) {
        return client.preparedQuery(sql).execute(Tuple.of(id, namespace.storedSpace())).map(this::firstOrNull);
    }

    private ExceptionList firstOrNull(RowSet<Row> rows) {
        RowIterator<Row> iterator = rows.iterator();
        return iterator.hasNext() ? documents.read(iterator.next().getString("document"), ExceptionList.class) : null;
    }

    private List<ExceptionList> all(RowSet<Row> rows) {
        List<ExceptionList> lists = new ArrayList<>(rows.size());
        rows.forEach(row -> lists.add(documents.read(row.getString("document"), ExceptionList.class)));
        return lists;
    }
}
