package io.opendetection.exceptions.list.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Exception lists in the {@code exception_list} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ExceptionListRepository {
    private static final String INSERT = "INSERT INTO exception_list (id, space, list_id, document)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (space, list_id) DO NOTHING";
    private static final String BY_ID = "SELECT document::text AS document FROM exception_list WHERE id = $1 AND space = $2";
    private static final String BY_LIST_ID =
            "SELECT document::text AS document FROM exception_list WHERE space = $1 AND list_id = $2";

    @Inject
    Documents documents;

    /** Stores a new list; false when its namespace already has a list with that list_id. */
    public Uni<Boolean> insert(SqlClient client, Namespace namespace, ExceptionList list) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.fromString(list.id()), namespace.storedSpace(), list.listId(), documents.write(list)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The list with this id in the namespace, or null. */
    public Uni<ExceptionList> findById(SqlClient client, Namespace namespace, String id) {
        UUID uuid = uuidOrNull(id);
        if (uuid == null) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery(BY_ID).execute(Tuple.of(uuid, namespace.storedSpace())).map(this::firstOrNull);
    }

    /** The list with this list_id in the namespace, or null. */
    public Uni<ExceptionList> findByListId(SqlClient client, Namespace namespace, String listId) {
        return client.preparedQuery(BY_LIST_ID).execute(Tuple.of(namespace.storedSpace(), listId)).map(this::firstOrNull);
    }

    private ExceptionList firstOrNull(RowSet<Row> rows) {
        RowIterator<Row> iterator = rows.iterator();
        return iterator.hasNext() ? documents.read(iterator.next().getString("document"), ExceptionList.class) : null;
    }

    // Our ids are UUIDs; any other id names no list.
    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
