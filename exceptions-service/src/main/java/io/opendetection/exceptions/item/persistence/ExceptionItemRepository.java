package io.opendetection.exceptions.item.persistence;

import io.opendetection.common.document.Documents;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.namespace.Namespace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** Exception items in the {@code exception_item} table; pass the pool, or a transaction's connection. */
@ApplicationScoped
public class ExceptionItemRepository {
    private static final String INSERT = "INSERT INTO exception_item (id, space, item_id, exception_list_id, document)"
            + " VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT (space, item_id) DO NOTHING";

    @Inject
    Documents documents;

    /** Stores a new item of the list with internal id {@code listId}; false when its namespace already has that item_id. */
    public Uni<Boolean> insert(SqlClient client, Namespace namespace, UUID listId, ExceptionItem item) {
        Tuple row = Tuple.from(List.of(UUID.fromString(item.id()), namespace.storedSpace(), item.itemId(), listId,
                documents.write(item)));
        return client.preparedQuery(INSERT).execute(row).map(rows -> rows.rowCount() == 1);
    }
}
