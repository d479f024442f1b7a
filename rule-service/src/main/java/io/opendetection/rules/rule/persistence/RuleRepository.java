package io.opendetection.rules.rule.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Documents;
import io.opendetection.kql.SqlCondition;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Rules in PostgreSQL: one row per rule, the API document in {@code body}. */
@ApplicationScoped
public class RuleRepository {
    private static final String BODY = "body::text AS body";
    /** The stored document's UTF-8 bytes as they are (bytea: no decoding into a Java string). */
    private static final String DOCUMENT = "convert_to(body::text, 'UTF8') AS document";
    // ... and the two small parts of it an export's summary needs.
    private static final String EXPORTED = "id, rule_id, " + DOCUMENT
            + ", (body->'exceptions_list')::text AS exceptions_list, (body->'actions')::text AS actions";

    @Inject
    Pool pool;

    @Inject
    Documents documents;

    /**
     * Inserts the rule unless its rule_id is taken in the space; answers whether it was inserted.
     * Every write stores the writer's index privileges with the rule: it runs with them.
     */
    public Uni<Boolean> insert(SqlClient transaction, String space, ObjectNode rule, EditorPrivileges editor) {
        return transaction.preparedQuery("INSERT INTO rule (id, space, rule_id, body, created_at, updated_at,"
                        + " editor_index_privileges) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7::text::jsonb)"
                        + " ON CONFLICT ON CONSTRAINT rule_rule_id_unique DO NOTHING")
                .execute(Tuple.from(Arrays.asList(UUID.fromString(rule.get("id").asText()), space,
                        rule.get("rule_id").asText(), documents.write(rule), time(rule, "created_at"),
                        time(rule, "updated_at"), editor.json())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Inserts many rules in one statement (an import's batch); the caller has made sure their
     * rule_ids are free, so a conflict fails the whole batch rather than silently skipping one.
     */
    public Uni<Void> insertAll(SqlClient transaction, String space, List<ObjectNode> rules, EditorPrivileges editor) {
        return insertAll(transaction, space, rules, rules.stream().map(documents::write).toList(), editor);
    }

    /** {@link #insertAll} with each rule's JSON already written ({@code bodies}, in the same order). */
    public Uni<Void> insertAll(SqlClient transaction, String space, List<ObjectNode> rules, List<String> bodies,
                               EditorPrivileges editor) {
        if (rules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = rules.size();
        UUID[] ids = new UUID[size];
        String[] ruleIds = new String[size];
        OffsetDateTime[] created = new OffsetDateTime[size];
        OffsetDateTime[] updated = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            ObjectNode rule = rules.get(i);
            ids[i] = UUID.fromString(rule.get("id").asText());
            ruleIds[i] = rule.get("rule_id").asText();
            created[i] = time(rule, "created_at");
            updated[i] = time(rule, "updated_at");
        }
        return transaction.preparedQuery("INSERT INTO rule (id, space, rule_id, body, created_at, updated_at,"
                        + " editor_index_privileges)"
                        + " SELECT id, $1, rule_id, body::jsonb, created_at, updated_at, $7::text::jsonb"
                        + " FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])"
                        + " AS r(id, rule_id, body, created_at, updated_at)")
                .execute(Tuple.from(Arrays.asList(space, ids, ruleIds, bodies.toArray(String[]::new), created, updated,
                        editor.json())))
                .replaceWithVoid();
    }

    /** Replaces the stored document of a rule that exists (same id), and whose privileges it runs with. */
    public Uni<Void> update(SqlClient transaction, String space, ObjectNode rule, EditorPrivileges editor) {
        return updateAll(transaction, space, List.of(rule), editor);
    }

    public Uni<Void> updateAll(SqlClient transaction, String space, List<ObjectNode> rules, EditorPrivileges editor) {
        if (rules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = rules.size();
        UUID[] ids = new UUID[size];
        String[] bodies = new String[size];
        OffsetDateTime[] updated = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            ids[i] = UUID.fromString(rules.get(i).get("id").asText());
            bodies[i] = documents.write(rules.get(i));
            updated[i] = time(rules.get(i), "updated_at");
        }
        return transaction.preparedQuery("UPDATE rule SET body = r.body::jsonb, updated_at = r.updated_at,"
                        + " editor_index_privileges = $5::text::jsonb"
                        + " FROM unnest($2::uuid[], $3::text[], $4::timestamptz[]) AS r(id, body, updated_at)"
                        + " WHERE rule.space = $1 AND rule.id = r.id")
                .execute(Tuple.from(Arrays.asList(space, ids, bodies, updated, editor.json())))
                .replaceWithVoid();
    }

    /** Who last wrote a rule and the index privileges it runs with; empty when the rule is gone. */
    public Uni<Optional<RuleEditor>> editorOf(UUID id) {
        return pool.preparedQuery("SELECT body->>'updated_by' AS editor, editor_index_privileges::text AS privileges"
                        + " FROM rule WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = iterator.next();
                    String privileges = row.getString("privileges");
                    return Optional.of(new RuleEditor(row.getString("editor"),
                            privileges == null ? null : documents.read(privileges, JsonNode.class)));
                });
    }

    /** A rule's last editor and their index privileges at the edit (null: written before they were kept). */
    public record RuleEditor(String user, JsonNode indexPrivileges) {
    }

    public Uni<ObjectNode> find(String space, RuleIdentifier identifier) {
        return find(pool, space, identifier, false);
    }

    /** The rule, locked until the transaction ends, so a read-modify-write is not lost to another. */
    public Uni<ObjectNode> findForUpdate(SqlClient transaction, String space, RuleIdentifier identifier) {
        return find(transaction, space, identifier, true);
    }

    private Uni<ObjectNode> find(SqlClient client, String space, RuleIdentifier identifier, boolean lock) {
        String where = identifier.id() != null ? "id = $2" : "rule_id = $2";
        Object key = identifier.id() != null ? identifier.id() : identifier.ruleId();
        return one(client.preparedQuery("SELECT " + BODY + " FROM rule WHERE space = $1 AND " + where
                + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(space, key)));
    }

    /** The rules of the space with these rule_ids, by rule_id. */
    public Uni<Map<String, ObjectNode>> findByRuleIds(SqlClient client, String space, List<String> ruleIds, boolean lock) {
        return client.preparedQuery("SELECT " + BODY + " FROM rule WHERE space = $1 AND rule_id = ANY($2)"
                        + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(space, ruleIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ObjectNode> found = new LinkedHashMap<>();
                    for (Row row : rows) {
                        ObjectNode rule = documents.read(row.getString("body"), ObjectNode.class);
                        found.put(rule.get("rule_id").asText(), rule);
                    }
                    return found;
                });
    }

    /** The rules of the space with these ids, by id. */
    public Uni<Map<UUID, ObjectNode>> findByIds(SqlClient client, String space, List<UUID> ids, boolean lock) {
        return client.preparedQuery("SELECT " + BODY + " FROM rule WHERE space = $1 AND id = ANY($2)"
                        + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(space, ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, ObjectNode> found = new LinkedHashMap<>();
                    for (Row row : rows) {
                        ObjectNode rule = documents.read(row.getString("body"), ObjectNode.class);
                        found.put(UUID.fromString(rule.get("id").asText()), rule);
                    }
                    return found;
                });
    }

    /** Ids of the space's rules that reference the exception list {@code listId}, except {@code except}. */
    public Uni<List<String>> referencingList(SqlClient client, String space, String listId, UUID except) {
        return client.preparedQuery("SELECT id FROM rule WHERE space = $1 AND id <> $2"
                        + " AND body->'exceptions_list' @> jsonb_build_array(jsonb_build_object('list_id', $3::text))"
                        + " ORDER BY created_at, id")
                .execute(Tuple.of(space, except == null ? new UUID(0, 0) : except, listId))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id").toString()));
                    return ids;
                });
    }

    /**
     * One page of the rules matching {@code filter} (null: all), in the given order. The page is
     * chosen on the small columns first and only its rules' documents are read: otherwise a plan
     * that sorts the matches would detoast and print every matching document to keep twenty.
     */
    public Uni<List<RuleDocument>> page(String space, SqlCondition filter, RuleSort sort, int limit, long offset) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(space);
        String where = where(filter, parameters);
        parameters.add(limit);
        parameters.add(offset);
        return pool.preparedQuery("SELECT id, " + DOCUMENT + " FROM rule WHERE id IN (SELECT id"
                        + " FROM rule WHERE " + where + " ORDER BY " + sort.orderBy() + " LIMIT $" + (parameters.size() - 1)
                        + " OFFSET $" + parameters.size() + ") ORDER BY " + sort.orderBy())
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<RuleDocument> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(new RuleDocument(row.getUUID("id"), row.getBuffer("document").getBytes())));
                    return documents;
                });
    }

    /**
     * Fresh planner statistics for the columns {@code _find} filters and sorts on, after a bulk
     * write. Without them a space just filled by an import is planned as if it held a few rules
     * until autovacuum's next look (up to a minute): its first {@code _find}s cost PostgreSQL about
     * twice as much. Only these columns, so it stays cheap; autovacuum still analyzes the rest.
     */
    public Uni<Void> refreshFindStatistics() {
        return pool.query("ANALYZE rule (space, enabled, name, tags, space_tags, risk_score, severity, created_at, updated_at)")
                .execute().replaceWithVoid();
    }

    public Uni<Long> count(String space, SqlCondition filter) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(space);
        String where = where(filter, parameters);
        return pool.preparedQuery("SELECT count(*) AS total FROM rule WHERE " + where)
                .execute(Tuple.from(parameters))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    /**
     * The next rules after {@code after} (by id; null for the first page) matching {@code filter},
     * as an export writes them: how an export walks a selection of any size without holding it.
     */
    public Uni<List<ExportedRule>> exportedAfter(String space, SqlCondition filter, UUID after, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(space);
        String where = where(filter, parameters);
        parameters.add(after == null ? new UUID(0, 0) : after);
        parameters.add(limit);
        return pool.preparedQuery("SELECT " + EXPORTED + " FROM rule WHERE " + where + " AND id > $"
                        + (parameters.size() - 1) + " ORDER BY id LIMIT $" + parameters.size())
                .execute(Tuple.from(parameters))
                .map(this::exported);
    }

    /** The rules of the space with these rule_ids, as an export writes them. */
    public Uni<List<ExportedRule>> exportedByRuleIds(String space, List<String> ruleIds) {
        return pool.preparedQuery("SELECT " + EXPORTED + " FROM rule WHERE space = $1 AND rule_id = ANY($2)")
                .execute(Tuple.of(space, ruleIds.toArray(String[]::new)))
                .map(this::exported);
    }

    /** The rules of the space with these ids, as an export writes them. */
    public Uni<List<ExportedRule>> exportedByIds(String space, List<UUID> ids) {
        return pool.preparedQuery("SELECT " + EXPORTED + " FROM rule WHERE space = $1 AND id = ANY($2)")
                .execute(Tuple.of(space, ids.toArray(UUID[]::new)))
                .map(this::exported);
    }

    /** The ids of every rule matching {@code filter} (null: all), in id order: a bulk action's selection. */
    public Uni<List<UUID>> ids(String space, SqlCondition filter) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(space);
        String where = where(filter, parameters);
        return pool.preparedQuery("SELECT id FROM rule WHERE " + where + " ORDER BY id")
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    /** Every tag of the space's rules, once each, sorted. */
    public Uni<List<String>> tags(String space) {
        return pool.preparedQuery("SELECT DISTINCT jsonb_array_elements_text(tags) AS tag FROM rule"
                        + " WHERE space = $1 ORDER BY tag")
                .execute(Tuple.of(space))
                .map(rows -> {
                    List<String> tags = new ArrayList<>();
                    rows.forEach(row -> tags.add(row.getString("tag")));
                    return tags;
                });
    }

    /** The installed prebuilt rules of the space: rule_id to version. */
    public Uni<Map<String, ObjectNode>> prebuilt(String space) {
        return pool.preparedQuery("SELECT " + BODY + " FROM rule WHERE space = $1"
                        + " AND body->'rule_source'->>'type' = 'external'")
                .execute(Tuple.of(space))
                .map(rows -> {
                    Map<String, ObjectNode> found = new LinkedHashMap<>();
                    for (ObjectNode rule : all(rows)) {
                        found.put(rule.get("rule_id").asText(), rule);
                    }
                    return found;
                });
    }

    /** Deletes the rule and answers it as it was, or null when there was none. */
    public Uni<ObjectNode> delete(SqlClient transaction, String space, RuleIdentifier identifier) {
        return identifier.id() != null
                ? one(transaction.preparedQuery("DELETE FROM rule WHERE space = $1 AND id = $2 RETURNING " + BODY)
                        .execute(Tuple.of(space, identifier.id())))
                : one(transaction.preparedQuery("DELETE FROM rule WHERE space = $1 AND rule_id = $2 RETURNING " + BODY)
                        .execute(Tuple.of(space, identifier.ruleId())));
    }

    public Uni<Void> deleteAll(SqlClient transaction, String space, List<UUID> ids) {
        return transaction.preparedQuery("DELETE FROM rule WHERE space = $1 AND id = ANY($2)")
                .execute(Tuple.of(space, ids.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private static String where(SqlCondition filter, List<Object> parameters) {
        if (filter == null) {
            return "space = $1";
        }
        parameters.addAll(filter.parameters());
        return "space = $1 AND " + filter.sql();
    }

    private List<ObjectNode> all(RowSet<Row> rows) {
        List<ObjectNode> rules = new ArrayList<>(rows.size());
        rows.forEach(row -> rules.add(documents.read(row.getString("body"), ObjectNode.class)));
        return rules;
    }

    private List<ExportedRule> exported(RowSet<Row> rows) {
        List<ExportedRule> rules = new ArrayList<>(rows.size());
        for (Row row : rows) {
            rules.add(new ExportedRule(row.getUUID("id"), row.getString("rule_id"), row.getBuffer("document").getBytes(),
                    array(row.getString("exceptions_list")), array(row.getString("actions"))));
        }
        return rules;
    }

    private JsonNode array(String stored) {
        return stored == null ? JsonNodeFactory.instance.arrayNode() : documents.read(stored, JsonNode.class);
    }

    private Uni<ObjectNode> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> {
            var iterator = set.iterator();
            return iterator.hasNext() ? documents.read(iterator.next().getString("body"), ObjectNode.class) : null;
        });
    }

    private static OffsetDateTime time(ObjectNode rule, String field) {
        return OffsetDateTime.parse(rule.get(field).asText());
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
