package io.opendetection.rules.rule.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Documents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Rules in PostgreSQL: one row per rule, the API document in {@code body}. */
@ApplicationScoped
public class RuleRepository {
    @Inject
    Pool pool;

    @Inject
    Documents documents;

    /** Inserts the rule unless its rule_id is taken in the space; answers whether it was inserted. */
    public Uni<Boolean> insert(SqlClient transaction, String space, ObjectNode rule) {
        OffsetDateTime createdAt = OffsetDateTime.parse(rule.get("created_at").asText());
        return transaction.preparedQuery("INSERT INTO rule (id, space, rule_id, body, created_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4::text::jsonb, $5, $5) ON CONFLICT ON CONSTRAINT rule_rule_id_unique DO NOTHING")
                .execute(Tuple.of(UUID.fromString(rule.get("id").asText()), space, rule.get("rule_id").asText(),
                        documents.write(rule), createdAt))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<ObjectNode> find(String space, RuleIdentifier identifier) {
        return identifier.id() != null
                ? one(pool.preparedQuery("SELECT body::text AS body FROM rule WHERE space = $1 AND id = $2")
                        .execute(Tuple.of(space, identifier.id())))
                : one(pool.preparedQuery("SELECT body::text AS body FROM rule WHERE space = $1 AND rule_id = $2")
                        .execute(Tuple.of(space, identifier.ruleId())));
    }

    /** Deletes the rule and answers it as it was, or null when there was none. */
    public Uni<ObjectNode> delete(SqlClient transaction, String space, RuleIdentifier identifier) {
        return identifier.id() != null
                ? one(transaction.preparedQuery("DELETE FROM rule WHERE space = $1 AND id = $2 RETURNING body::text AS body")
                        .execute(Tuple.of(space, identifier.id())))
                : one(transaction.preparedQuery("DELETE FROM rule WHERE space = $1 AND rule_id = $2 RETURNING body::text AS body")
                        .execute(Tuple.of(space, identifier.ruleId())));
    }

    private Uni<ObjectNode> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> {
            var iterator = set.iterator();
            return iterator.hasNext() ? documents.read(iterator.next().getString("body"), ObjectNode.class) : null;
        });
    }

    /** A non-UUID id can name no rule; it is looked up as one that does not exist. */
    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
