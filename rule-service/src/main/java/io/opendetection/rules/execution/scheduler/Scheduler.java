package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.rules.execution.RuleRunner;
import io.opendetection.rules.execution.manual.Backfill;
import io.opendetection.rules.execution.manual.Backfills;
import io.opendetection.rules.rule.persistence.RuleIdentifier;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the owned rules when they are due: every tick, the enabled rules whose next run has come
 * (most overdue first) start as long as a slot is free. Slots bound the executions in flight on
 * this replica; an execution holds one slot, so a slow rule delays no other. Slots left over go
 * to backfills: manual runs, and the refill of recorded gaps when that is on.
 */
@ApplicationScoped
public class Scheduler {
    private static final Logger LOG = Logger.getLogger(Scheduler.class);

    @ConfigProperty(name = "detection.executor.enabled")
    boolean enabled;

    @ConfigProperty(name = "detection.executor.min-interval")
    Duration minInterval;

    @ConfigProperty(name = "detection.executor.concurrency")
    int concurrency;

    @ConfigProperty(name = "detection.executor.tick")
    Duration tick;

    @ConfigProperty(name = "detection.executor.timeout")
    Duration timeout;

    @ConfigProperty(name = "detection.executor.backfill-poll")
    Duration backfillPoll;

    @Inject
    OwnedRules owned;

    @Inject
    RuleRunner runner;

    @Inject
    RuleRepository rules;

    @Inject
    io.opendetection.rules.execution.state.ExecutionStates states;

    @Inject
    Backfills backfills;

    @Inject
    Vertx vertx;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean pollingBackfills = new AtomicBoolean();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    private volatile Instant nextBackfillPoll = Instant.EPOCH;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        if (enabled) {
            timer = vertx.setPeriodic(tick.toMillis(), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Executions in flight on this replica. */
    public int inFlight() {
        return inFlight.get();
    }

    /** A rule that may be due now arrived: a new rule runs at once, not up to two ticks later. */
    void wake() {
        if (enabled) {
            vertx.runOnContext(() -> {
                loadStates();
                dispatchDue();
            });
        }
    }

    void tick() {
        loadStates();
        dispatchDue();
        Instant now = Instant.now();
        if (inFlight.get() < concurrency && !now.isBefore(nextBackfillPoll)) {
            nextBackfillPoll = now.plus(backfillPoll);
            pollBackfills();
        }
    }

    /**
     * Starts due rules while slots are free. Called on every tick and whenever a run ends, so a freed
     * slot is used at once rather than at the next tick (which capped a replica at concurrency runs
     * per tick). One caller at a time: a caller arriving meanwhile makes the one at work go round again.
     */
    private void dispatchDue() {
        dispatchPending.set(true);
        while (dispatchPending.get() && dispatching.compareAndSet(false, true)) {
            try {
                dispatchPending.set(false);
                startDue();
            } finally {
                dispatching.set(false);
            }
        }
    }

    private void startDue() {
        Instant now = Instant.now();
        List<OwnedRule> due = owned.enabled().stream()
                .filter(rule -> rule.stateLoaded && !rule.running && rule.enabled() && !rule.nextRunAt.isAfter(now))
                .sorted(Comparator.comparing(rule -> rule.nextRunAt))
                .toList();
        for (OwnedRule rule : due) {
            if (!takeSlot()) {
                return;
            }
            runScheduled(rule);
        }
    }

    /** Where each newly owned enabled rule's schedule stands, from PostgreSQL: one query for all of them. */
    private void loadStates() {
        List<OwnedRule> unknown = owned.enabled().stream().filter(rule -> !rule.stateLoaded && !rule.loading).toList();
        if (unknown.isEmpty() || !loading.compareAndSet(false, true)) {
            return;
        }
        unknown.forEach(rule -> rule.loading = true);
        states.lastStarted(unknown.stream().map(OwnedRule::id).toList()).subscribe().with(started -> {
            Instant now = Instant.now();
            for (OwnedRule rule : unknown) {
                Instant previous = started.get(rule.id);
                rule.previousStartedAt = previous;
                Instant next = previous == null ? now : previous.plus(rule.interval(minInterval));
                rule.nextRunAt = next.isBefore(now) ? now : next;
                rule.stateLoaded = true;
                rule.loading = false;
            }
            loading.set(false);
            dispatchDue();
        }, failure -> {
            unknown.forEach(rule -> rule.loading = false);
            loading.set(false);
            LOG.warnf("Loading the execution state of %d rules failed, will retry: %s", unknown.size(), failure.toString());
        });
    }

    private void runScheduled(OwnedRule rule) {
        rule.running = true;
        Instant startedAt = Instant.now();
        Duration interval = rule.interval(minInterval);
        JsonNode document = rule.rule;
        if (document == null) {
            // disabled since it was found due
            done(rule, startedAt.plus(interval));
            return;
        }
        runner.scheduled(rule.space, document, startedAt, rule.previousStartedAt)
                .ifNoItem().after(timeout).fail()
                .subscribe().with(outcome -> {
                    if (outcome.completed()) {
                        rule.previousStartedAt = startedAt;
                    }
                    done(rule, startedAt.plus(interval));
                }, failure -> {
                    LOG.warnf("Execution of rule %s did not finish: %s", rule.id, failure.toString());
                    done(rule, startedAt.plus(interval));
                });
    }

    private void done(OwnedRule rule, Instant next) {
        if (rule.nextRunAt == null || !rule.nextRunAt.isAfter(Instant.now()) || rule.nextRunAt.isBefore(next)) {
            rule.nextRunAt = next;
        }
        rule.running = false;
        inFlight.decrementAndGet();
        dispatchDue();
    }

    private boolean takeSlot() {
        while (true) {
            int current = inFlight.get();
            if (current >= concurrency) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Manual runs and gap refills of owned rules, while slots are free. */
    private void pollBackfills() {
        List<UUID> ids = owned.ids();
        if (ids.isEmpty() || !pollingBackfills.compareAndSet(false, true)) {
            return;
        }
        backfills.scheduleGapRefills(ids)
                .flatMap(ignored -> claimAndRun(ids))
                .subscribe().with(ignored -> pollingBackfills.set(false), failure -> {
                    pollingBackfills.set(false);
                    LOG.warnf("Polling backfills failed: %s", failure.toString());
                });
    }

    private Uni<Void> claimAndRun(List<UUID> ids) {
        List<UUID> idle = ids.stream().filter(id -> {
            OwnedRule rule = owned.get(id);
            return rule != null && !rule.running;
        }).toList();
        if (idle.isEmpty() || !takeSlot()) {
            return Uni.createFrom().voidItem();
        }
        return backfills.claim(idle).flatMap(claimed -> {
            if (claimed == null) {
                inFlight.decrementAndGet();
                return Uni.createFrom().voidItem();
            }
            OwnedRule rule = owned.get(claimed.ruleId());
            if (rule == null || rule.running) {
                inFlight.decrementAndGet();
                return backfills.release(claimed);
            }
            runBackfill(rule, claimed);
            return claimAndRun(ids);
        }).onFailure().invoke(() -> inFlight.decrementAndGet());
    }

    /** The rule's document: kept in memory while it is enabled, otherwise read from PostgreSQL. */
    private Uni<JsonNode> document(OwnedRule rule) {
        JsonNode kept = rule.rule;
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        return rules.find(rule.space, new RuleIdentifier(rule.id, rule.id.toString(), null))
                .onItem().ifNull().failWith(() -> new IllegalStateException("rule " + rule.id + " no longer exists"))
                .map(JsonNode.class::cast);
    }

    private void runBackfill(OwnedRule rule, Backfill backfill) {
        rule.running = true;
        document(rule)
                .chain(document -> runner.manual(rule.space, document, backfill.windows(rule.interval(minInterval)),
                        Instant.now()))
                .ifNoItem().after(timeout.multipliedBy(4)).fail()
                .onItemOrFailure().transformToUni((outcome, failure) -> backfills.finished(backfill,
                        failure == null && outcome.completed(), failure != null ? failure.toString()
                                : outcome.status()))
                .subscribe().with(ignored -> {
                    rule.running = false;
                    inFlight.decrementAndGet();
                    dispatchDue();
                }, failure -> {
                    rule.running = false;
                    inFlight.decrementAndGet();
                    LOG.warnf("Backfill %s of rule %s did not finish: %s", backfill.id(), rule.id, failure.toString());
                    dispatchDue();
                });
    }
}
