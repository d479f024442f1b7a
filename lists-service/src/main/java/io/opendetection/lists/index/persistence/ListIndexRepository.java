package io.opendetection.lists.index.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The spaces that have value-list storage, in the {@code list_index} table. */
@ApplicationScoped
public class ListIndexRepository {
    private static final String INSERT = "INSERT INTO list_index (space) VALUES ($1) ON CONFLICT (space) DO NOTHING";
    private static final String DELETE = "DELETE FROM list_index WHERE space = $1";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM list_index WHERE space = $1) AS present";

    /** Gives the space its storage; false when it had it already. */
    public Uni<Boolean> insert(SqlClient client, String space) {
        return client.preparedQuery(INSERT).execute(Tuple.of(space)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> delete(SqlClient client, String space) {
        return client.preparedQuery(DELETE).execute(Tuple.of(space)).replaceWithVoid();
    }

    public Uni<Boolean> exists(SqlClient client, String space) {
        return client.preparedQuery(EXISTS).execute(Tuple.of(space))
                .map(rows -> rows.iterator().next().getBoolean("present"));
    }
}
