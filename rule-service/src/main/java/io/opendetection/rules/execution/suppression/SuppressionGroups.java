package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RuleRunner;
import io.opendetection.rules.execution.RunContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The open suppression groups of each rule, in rule-service's PostgreSQL: a service never reads
 * another's index, so where Kibana searches the alerts index for a group's alert, the executor
 * remembers the alerts it created. A group is written only after its alert (or update) was
 * acknowledged by Kafka; it ends when its window passes (deleted at the rule's next look-up) or
 * when its alert is closed ({@link AlertClosings}).
 */
@ApplicationScoped
public class SuppressionGroups {
    private static final String EXPIRE = "DELETE FROM suppression_group WHERE space = $1 AND rule_id = $2"
            + " AND open_until <= $3";
    private static final String LOAD = "SELECT instance_id, alert_id, suppression_start, suppression_end, docs_count,"
            + " execution_id, open_until FROM suppression_group WHERE space = $1 AND rule_id = $2"
            + " AND instance_id = ANY($3)";
    private static final String OPEN = "INSERT INTO suppression_group (space, rule_id, instance_id, alert_id,"
            + " suppression_start, suppression_end, docs_count, execution_id, open_until)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (space, rule_id, instance_id) DO UPDATE"
            + " SET alert_id = EXCLUDED.alert_id, suppression_start = EXCLUDED.suppression_start,"
            + " suppression_end = EXCLUDED.suppression_end, docs_count = EXCLUDED.docs_count,"
            + " execution_id = EXCLUDED.execution_id, open_until = EXCLUDED.open_until";
    // Only while the group still holds the same alert: a close that came meanwhile has ended it.
    private static final String EXTEND = "UPDATE suppression_group SET suppression_start = $5, suppression_end = $6,"
            + " docs_count = $7 WHERE space = $1 AND rule_id = $2 AND instance_id = $3 AND alert_id = $4";

    @Inject
    Pool pool;

    @ConfigProperty(name = "detection.executor.max-alerts-per-run")
    int maxAlertsPerRun;

    /**
     * The plan for these candidates of the run, against the open groups they fall in; none when
     * the rule does not suppress. Groups whose window has passed are deleted on the way.
     */
    public Uni<Optional<SuppressionPlan>> plan(RunContext run, List<ObjectNode> candidates) {
        Optional<Suppression> suppression = Suppression.of(run.rule());
        if (suppression.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        UUID ruleId = UUID.fromString(run.ruleId());
        OffsetDateTime startedAt = run.startedAt().atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(EXPIRE).execute(Tuple.of(run.space(), ruleId, startedAt))
                .chain(() -> pool.preparedQuery(LOAD).execute(Tuple.of(run.space(), ruleId, SuppressionPlan
                        .instanceIds(suppression.get(), run.space(), run.ruleId(), candidates).toArray(String[]::new))))
                .map(rows -> {
                    Map<String, OpenGroup> open = new HashMap<>();
                    rows.forEach(row -> open.put(row.getString("instance_id"), group(row)));
                    Instant now = Instant.now();
                    int left = (int) Math.max(0, RuleRunner.maxSignals(run.rule(), maxAlertsPerRun)
                            - run.alertsCreated().get());
                    SuppressionPlan.Execution execution = new SuppressionPlan.Execution(run.space(), run.ruleId(),
                            run.executionId(), now, left, suppression.get().openUntil(run.rule(), run.startedAt(), now),
                            open);
                    return Optional.of(SuppressionPlan.of(suppression.get(), execution, candidates));
                });
    }

    /** Keeps the plan's groups once its alerts and updates are published. */
    public Uni<Void> record(RunContext run, SuppressionPlan plan) {
        UUID ruleId = UUID.fromString(run.ruleId());
        List<Tuple> opened = new ArrayList<>();
        plan.opened().forEach(group -> opened.add(row(run.space(), ruleId, group)
                .addValue(UUID.fromString(group.executionId())).addValue(utc(group.openUntil()))));
        List<Tuple> extended = new ArrayList<>();
        plan.extended().forEach(group -> extended.add(row(run.space(), ruleId, group)));
        Uni<Void> open = opened.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery(OPEN).executeBatch(opened).replaceWithVoid();
        return open.chain(() -> extended.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery(EXTEND).executeBatch(extended).replaceWithVoid());
    }

    private static Tuple row(String space, UUID ruleId, OpenGroup group) {
        return Tuple.of(space, ruleId, group.instanceId(), group.alertId())
                .addValue(utc(group.start())).addValue(utc(group.end())).addValue(group.docsCount());
    }

    private static OpenGroup group(Row row) {
        return new OpenGroup(row.getString("instance_id"), row.getString("alert_id"),
                row.getOffsetDateTime("suppression_start").toInstant(), row.getOffsetDateTime("suppression_end").toInstant(),
                row.getLong("docs_count"), row.getUUID("execution_id").toString(),
                row.getOffsetDateTime("open_until").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
