package io.opendetection.rules.execution.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.opendetection.common.document.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Read-only: a rule's gaps with their state (unfilled, in_progress, filled), newest first. */
@ApplicationScoped
public class RuleGaps {
    private static final String GAPS = "SELECT id, range_start, range_end, status, reason, created_at, updated_at"
            + " FROM execution_gap WHERE rule_id = $1 AND space = $2 ORDER BY range_start DESC";

    @Inject
    Pool pool;

    public Uni<ArrayNode> of(String space, UUID ruleId) {
        return pool.preparedQuery(GAPS).execute(Tuple.of(ruleId, space)).map(rows -> {
            ArrayNode gaps = JsonNodeFactory.instance.arrayNode();
            rows.forEach(row -> gaps.addObject()
                    .put("id", row.getUUID("id").toString())
                    .put("status", row.getString("status"))
                    .put("reason", row.getString("reason"))
                    .put("range_start", Timestamps.of(row.getOffsetDateTime("range_start").toInstant()))
                    .put("range_end", Timestamps.of(row.getOffsetDateTime("range_end").toInstant()))
                    .put("created_at", Timestamps.of(row.getOffsetDateTime("created_at").toInstant()))
                    .put("updated_at", Timestamps.of(row.getOffsetDateTime("updated_at").toInstant())));
            return gaps;
        });
    }
}
