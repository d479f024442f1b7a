package io.opendetection.lists.membership.persistence;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Consumer;

/** Reads a whole list's match keys for an in-memory membership index. */
@ApplicationScoped
public class MembershipRepository {
    private static final int PAGE = 50_000;
    private static final String VERSION = "SELECT items_version FROM value_list WHERE list_key = $1";
    private static final String KEYS_AFTER = "SELECT item_key, match_key FROM list_item WHERE list_key = $1"
            + " AND item_key > $2 ORDER BY item_key LIMIT $3";

    @Inject
    Pool pool;

    /**
     * Gives every match key of the list to {@code keys}, page by page, all read in one snapshot with
     * the list's items version, which it returns (-1 when the list is gone). Blocks: call it on a
     * worker thread.
     */
    public long readKeys(long listKey, Consumer<String> keys) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            try {
                // the version and every page from one snapshot: the keys are exactly those of that version
                connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        .await().indefinitely();
                RowIterator<Row> found = connection.preparedQuery(VERSION).execute(Tuple.of(listKey))
                        .await().indefinitely().iterator();
                if (!found.hasNext()) {
                    return -1;
                }
                long version = found.next().getLong("items_version");
                long after = 0;
                while (true) {
                    RowSet<Row> rows = connection.preparedQuery(KEYS_AFTER).execute(Tuple.of(listKey, after, PAGE))
                            .await().indefinitely();
                    for (Row row : rows) {
                        keys.accept(row.getString(1));
                        after = row.getLong(0);
                    }
                    if (rows.size() < PAGE) {
                        return version;
                    }
                }
            } finally {
                transaction.rollback().onFailure().recoverWithNull().await().indefinitely();
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }
}
