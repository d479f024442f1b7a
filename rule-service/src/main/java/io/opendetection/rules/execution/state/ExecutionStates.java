package io.opendetection.rules.execution.state;

import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.RuleExecutionEvent;
import io.opendetection.contracts.events.Topics;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The executors' record of each rule in PostgreSQL: the last completed execution's start and
 * window (where a new owner continues), the last execution as the API shows it, and the gaps.
 * An execution's end is written in one transaction with its event on detection.rule-executions.v1.
 */
@ApplicationScoped
public class ExecutionStates {
    private static final String LOAD = "SELECT rule_id, last_started_at FROM execution_state WHERE rule_id = ANY($1)";
    private static final String LAST_EXECUTION = "INSERT INTO execution_state (rule_id, space, last_execution)"
            + " VALUES ($1, $2, $3::text::jsonb) ON CONFLICT (rule_id) DO UPDATE"
            + " SET last_execution = EXCLUDED.last_execution, space = EXCLUDED.space, updated_at = now()";
    /** While a rule runs, its summary keeps the metrics of its last finished execution. */
    private static final String RUNNING = "INSERT INTO execution_state (rule_id, space, last_execution)"
            + " VALUES ($1, $2, $3::text::jsonb) ON CONFLICT (rule_id) DO UPDATE"
            + " SET last_execution = EXCLUDED.last_execution || jsonb_build_object('metrics',"
            + "   COALESCE(execution_state.last_execution->'metrics', '{}'::jsonb)),"
            + " space = EXCLUDED.space, updated_at = now()";
    /** Never moves a rule's start back: a replica that lost the rule mid-run must not undo the new owner's. */
    private static final String COMPLETED = "INSERT INTO execution_state"
            + " (rule_id, space, last_started_at, last_window_from, last_window_to, last_execution)"
            + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (rule_id) DO UPDATE"
            + " SET space = EXCLUDED.space, last_execution = EXCLUDED.last_execution, updated_at = now(),"
            + " last_started_at = GREATEST(execution_state.last_started_at, EXCLUDED.last_started_at),"
            + " last_window_from = CASE WHEN execution_state.last_started_at IS NULL"
            + "   OR EXCLUDED.last_started_at >= execution_state.last_started_at"
            + "   THEN EXCLUDED.last_window_from ELSE execution_state.last_window_from END,"
            + " last_window_to = CASE WHEN execution_state.last_started_at IS NULL"
            + "   OR EXCLUDED.last_started_at >= execution_state.last_started_at"
            + "   THEN EXCLUDED.last_window_to ELSE execution_state.last_window_to END";
    private static final String GAP = "INSERT INTO execution_gap (id, rule_id, space, range_start, range_end, status, reason)"
            + " VALUES ($1, $2, $3, $4, $5, 'unfilled', $6)";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    /** When each rule's last completed execution started; rules never run are absent. */
    public Uni<Map<UUID, Instant>> lastStarted(Collection<UUID> ruleIds) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(ruleIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Instant> started = new HashMap<>();
            for (Row row : rows) {
                OffsetDateTime at = row.getOffsetDateTime("last_started_at");
                if (at != null) {
                    started.put(row.getUUID("rule_id"), at.toInstant());
                }
            }
            return started;
        });
    }

    public Uni<Void> running(UUID ruleId, String space, Instant startedAt) {
        return pool.preparedQuery(RUNNING)
                .execute(Tuple.of(ruleId, space, LastExecution.running(startedAt).toJson().toString()))
                .replaceWithVoid();
    }

    /**
     * An execution ended. {@code completed} (its windows are done: searched, alerts acknowledged)
     * is null when it must run again, so the next execution's catch-up covers its windows.
     *
     * @param gap a range no window covered, or null
     */
    public Uni<Void> finished(RuleExecutionEvent event, LastExecution last, Window completed, Instant startedAt,
                              Window gap, String gapReason) {
        UUID ruleId = UUID.fromString(event.ruleId());
        String lastExecution = last.toJson().toString();
        return pool.withTransaction(tx -> {
            Uni<?> state = completed == null
                    ? tx.preparedQuery(LAST_EXECUTION).execute(Tuple.of(ruleId, event.space(), lastExecution))
                    : tx.preparedQuery(COMPLETED).execute(Tuple.from(Arrays.asList(ruleId, event.space(),
                            utc(startedAt), utc(completed.from()), utc(completed.to()), lastExecution)));
            Uni<?> gapRow = gap == null ? Uni.createFrom().voidItem()
                    : tx.preparedQuery(GAP).execute(Tuple.from(Arrays.asList(UUID.randomUUID(), ruleId, event.space(),
                            utc(gap.from()), utc(gap.to()), gapReason)));
            return state.flatMap(ignored -> gapRow)
                    .flatMap(ignored -> outbox.append(tx, new OutboxEvent(Topics.RULE_EXECUTIONS, event.ruleId(),
                            EventTypes.RULE_EXECUTED, event.ruleId(), event)));
        }).invoke(outbox::committed);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
