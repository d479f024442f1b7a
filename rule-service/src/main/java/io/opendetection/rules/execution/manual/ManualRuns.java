package io.opendetection.rules.execution.manual;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Manual runs ({@code _bulk_action} {@code run}): the rule runs over {@code [start, end]} on the
 * replica that owns it, in windows of its interval, and its alerts carry
 * {@code kibana.alert.rule.execution.type: manual}. The caller validates the range (Kibana's
 * limits: at most 90 days back, at most 100 rules per request).
 */
@ApplicationScoped
public class ManualRuns {
    private static final String QUEUE = "INSERT INTO backfill (id, rule_id, space, range_start, range_end, kind, status)"
            + " VALUES ($1, $2, $3, $4, $5, 'manual', 'pending')";

    @Inject
    Pool pool;

    /** Queues a manual run of a rule; answers the backfill's id. */
    public Uni<UUID> queue(String space, UUID ruleId, Instant start, Instant end) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery(QUEUE)
                .execute(Tuple.of(id, ruleId, space, start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC)))
                .replaceWith(id);
    }
}
