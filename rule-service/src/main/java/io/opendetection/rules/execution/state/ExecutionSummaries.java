package io.opendetection.rules.execution.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Documents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only, for the rule API: each rule's {@code execution_summary}
 * ({@code {"last_execution": {...}}}); a rule that never ran has none, as in Kibana.
 */
@ApplicationScoped
public class ExecutionSummaries {
    private static final String SUMMARIES = "SELECT rule_id, jsonb_build_object('last_execution', last_execution)::text"
            + " AS summary FROM execution_state WHERE rule_id = ANY($1) AND last_execution IS NOT NULL";

    @Inject
    Pool pool;

    @Inject
    Documents documents;

    /** The summaries of these rules as JSON text, keyed by rule id; rules that never ran have none. */
    public Uni<Map<UUID, String>> of(Collection<UUID> ruleIds) {
        if (ruleIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SUMMARIES).execute(Tuple.of(ruleIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, String> summaries = new HashMap<>();
            for (Row row : rows) {
                summaries.put(row.getUUID("rule_id"), row.getString("summary"));
            }
            return summaries;
        });
    }

    /** Sets {@code execution_summary} on each of these API rules that has one; answers them. */
    public Uni<List<ObjectNode>> attach(List<ObjectNode> rules) {
        Map<ObjectNode, UUID> ids = new IdentityHashMap<>();
        for (ObjectNode rule : rules) {
            try {
                ids.put(rule, UUID.fromString(rule.path("id").asText()));
            } catch (IllegalArgumentException e) {
                // not a rule id: no summary
            }
        }
        return of(new HashSet<>(ids.values())).map(summaries -> {
            ids.forEach((rule, id) -> {
                String summary = summaries.get(id);
                if (summary != null) {
                    rule.set("execution_summary", documents.read(summary, JsonNode.class));
                }
            });
            return rules;
        });
    }

    public Uni<ObjectNode> attach(ObjectNode rule) {
        return rule == null ? Uni.createFrom().nullItem() : attach(List.of(rule)).map(rules -> rules.get(0));
    }
}
