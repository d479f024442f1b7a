package io.opendetection.rules.transfer.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Documents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The action connectors rule imports brought into a space (we have no connectors API of our own):
 * Kibana's saved-object lines, kept without secrets, by connector id.
 */
@ApplicationScoped
public class ActionConnectors {
    @Inject
    Pool pool;

    @Inject
    Documents documents;

    /** The stored connectors of the space among these ids, by id. */
    public Uni<Map<String, ObjectNode>> find(String space, List<String> ids) {
        return pool.preparedQuery("SELECT id, body::text AS body FROM action_connector WHERE space = $1 AND id = ANY($2)")
                .execute(Tuple.of(space, ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ObjectNode> found = new LinkedHashMap<>();
                    for (Row row : rows) {
                        found.put(row.getString("id"), documents.read(row.getString("body"), ObjectNode.class));
                    }
                    return found;
                });
    }

    /** Stores the connectors, replacing those of the same id, all in one transaction. */
    public Uni<Void> upsertAll(String space, List<ObjectNode> connectors) {
        if (connectors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        connectors.forEach(connector -> {
            ids.add(connector.get("id").asText());
            bodies.add(documents.write(connector));
        });
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO action_connector (space, id, body)"
                        + " SELECT $1, id, body::jsonb FROM unnest($2::text[], $3::text[]) AS c(id, body)"
                        + " ON CONFLICT (space, id) DO UPDATE SET body = EXCLUDED.body, updated_at = now()")
                .execute(Tuple.of(space, ids.toArray(String[]::new), bodies.toArray(String[]::new))))
                .replaceWithVoid();
    }
}
