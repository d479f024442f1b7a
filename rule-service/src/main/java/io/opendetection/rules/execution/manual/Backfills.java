package io.opendetection.rules.execution.manual;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.UUID;

/**
 * Backfills in PostgreSQL: queued by {@link ManualRuns} or by gap refill, claimed by the replica
 * that owns the rule (one at a time, {@code SKIP LOCKED}), and finished: a gap whose refill
 * completed is {@code filled}; one whose refill failed is {@code unfilled} again, retried later.
 */
@ApplicationScoped
public class Backfills {
    private static final String CLAIM = "UPDATE backfill SET status = 'running', updated_at = now()"
            + " WHERE id = (SELECT id FROM backfill WHERE status = 'pending' AND rule_id = ANY($1)"
            + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id, rule_id, space, range_start, range_end, kind, gap_id";
    /** Gaps left alone for a while after a failed refill, so a failing rule is not refilled in a loop. */
    private static final String REFILL_GAPS = "WITH picked AS ("
            + " UPDATE execution_gap SET status = 'in_progress', updated_at = now()"
            + " WHERE id IN (SELECT id FROM execution_gap WHERE status = 'unfilled' AND rule_id = ANY($1)"
            + "   AND (updated_at = created_at OR updated_at < now() - interval '30 seconds') ORDER BY range_start LIMIT 10 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id, rule_id, space, range_start, range_end)"
            + " INSERT INTO backfill (id, rule_id, space, range_start, range_end, kind, gap_id, status)"
            + " SELECT gen_random_uuid(), rule_id, space, range_start, range_end, 'gap_fill', id, 'pending' FROM picked";
    private static final String FINISH = "UPDATE backfill SET status = $2, message = $3, updated_at = now() WHERE id = $1";
    private static final String GAP_STATUS = "UPDATE execution_gap SET status = $2, updated_at = now() WHERE id = $1";
    private static final String RELEASE = "UPDATE backfill SET status = 'pending', updated_at = now() WHERE id = $1";

    @ConfigProperty(name = "detection.executor.gap-refill")
    boolean gapRefill;

    @Inject
    Pool pool;

    public Uni<Void> scheduleGapRefills(List<UUID> ruleIds) {
        if (!gapRefill) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(REFILL_GAPS).execute(Tuple.of(ruleIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** The oldest pending backfill of one of these rules, now running; null when there is none. */
    public Uni<Backfill> claim(List<UUID> ruleIds) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(ruleIds.toArray(UUID[]::new))).map(rows -> {
            var iterator = rows.iterator();
            return iterator.hasNext() ? backfill(iterator.next()) : null;
        });
    }

    public Uni<Void> release(Backfill backfill) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(backfill.id())).replaceWithVoid();
    }

    public Uni<Void> finished(Backfill backfill, boolean complete, String message) {
        return pool.withTransaction(tx -> tx.preparedQuery(FINISH)
                .execute(Tuple.of(backfill.id(), complete ? "complete" : "failed", message))
                .flatMap(ignored -> backfill.gapId() == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(GAP_STATUS).execute(Tuple.of(backfill.gapId(),
                                complete ? "filled" : "unfilled")).replaceWithVoid()));
    }

    private static Backfill backfill(Row row) {
        return new Backfill(row.getUUID("id"), row.getUUID("rule_id"), row.getString("space"),
                row.getOffsetDateTime("range_start").toInstant(), row.getOffsetDateTime("range_end").toInstant(),
                row.getString("kind"), row.getUUID("gap_id"));
    }
}
