package io.opendetection.alerts.index.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;

/** Who created, updated or deleted which alerts indices, and when: Elasticsearch keeps no such record. */
@ApplicationScoped
public class IndexChangeLog {
    private static final String INSERT = "INSERT INTO index_changes (space, change, user_name, indices)"
            + " VALUES ($1, $2, $3, $4)";

    @Inject
    Pool pool;

    public Uni<Void> record(String space, IndexChange change, String user, List<String> indices) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(space, change.name().toLowerCase(Locale.ROOT), user, indices.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
