package io.opendetection.lists.list.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.lists.list.service.ValueList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Value lists in the {@code value_list} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ValueListRepository {
    private static final String INSERT = "INSERT INTO value_list (space, id, document) VALUES ($1, $2, $3::text::jsonb)"
            + " ON CONFLICT (space, id) DO NOTHING";
    private static final String BY_ID = "SELECT document::text AS document FROM value_list WHERE space = $1 AND id = $2";

    @Inject
    Documents documents;

    /** Stores a new list; false when the space already has a list with that id. */
    public Uni<Boolean> insert(SqlClient client, String space, ValueList list) {
        return client.preparedQuery(INSERT).execute(Tuple.of(space, list.id(), documents.write(list)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The space's list with this id, or null. */
    public Uni<ValueList> findById(SqlClient client, String space, String id) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(space, id)).map(rows -> {
            RowIterator<Row> iterator = rows.iterator();
            return iterator.hasNext() ? documents.read(iterator.next().getString("document"), ValueList.class) : null;
        });
    }
}
