package io.opendetection.rules.execution.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Documents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only, for the rule API: each rule's {@code execution_summary}
 * ({@code {"last_execution": {...}}}); a rule that never ran has none, as in Kibana.
 */
@ApplicationScoped
public class ExecutionSummaries {
    private static final String SUMMARIES = "SELECT rule_id, last_execution::text AS last_execution"
            + " FROM execution_state WHERE rule_id = ANY($1) AND last_execution IS NOT NULL";

    @Inject
    Pool pool;

    @Inject
    Documents documents;

    /** The summaries of these rules (by id), keyed by rule id. */
    public Uni<Map<String, ObjectNode>> of(Collection<String> ruleIds) {
        List<UUID> ids = new ArrayList<>();
        for (String id : ruleIds) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // not a rule id: no summary
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SUMMARIES).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<String, ObjectNode> summaries = new HashMap<>();
            for (Row row : rows) {
                ObjectNode summary = JsonNodeFactory.instance.objectNode();
                summary.set("last_execution", documents.read(row.getString("last_execution"), JsonNode.class));
                summaries.put(row.getUUID("rule_id").toString(), summary);
            }
            return summaries;
        });
    }

    /** Sets {@code execution_summary} on each of these API rules that has one; answers them. */
    public Uni<List<ObjectNode>> attach(List<ObjectNode> rules) {
        return of(rules.stream().map(rule -> rule.path("id").asText()).toList()).map(summaries -> {
            for (ObjectNode rule : rules) {
                ObjectNode summary = summaries.get(rule.path("id").asText());
                if (summary != null) {
                    rule.set("execution_summary", summary);
                }
            }
            return rules;
        });
    }

    public Uni<ObjectNode> attach(ObjectNode rule) {
        return rule == null ? Uni.createFrom().nullItem() : attach(List.of(rule)).map(rules -> rules.get(0));
    }
}
