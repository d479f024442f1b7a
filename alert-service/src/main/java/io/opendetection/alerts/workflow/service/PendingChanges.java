package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.opendetection.alerts.workflow.persistence.AlertChangeLog;
import io.opendetection.alerts.workflow.persistence.RecordedChange;
import io.opendetection.common.events.Outbox;
import io.opendetection.contracts.events.AlertChange.FieldChange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Settles the changes a crash (or a failed request) left {@code pending}: recorded, but with no
 * answer from Elasticsearch written down. For each, the alert as Elasticsearch holds it decides:
 * written after our read ({@code _seq_no} moved on) and holding the values we set means our write
 * happened, so the change becomes {@code applied} and is published; otherwise it did not happen
 * (or was overwritten, and then that later change is the one to tell) and the row is deleted.
 * Rows are locked while settled, so several replicas never settle one twice.
 */
@ApplicationScoped
public class PendingChanges {
    private static final Logger LOG = Logger.getLogger(PendingChanges.class);
    private static final int BATCH = 1000;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    AlertChangeLog changeLog;

    @Inject
    ElasticsearchJson elasticsearch;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** How old a pending change must be before it counts as abandoned: longer than any request takes. */
    @ConfigProperty(name = "detection.alerts.pending-changes.age")
    Duration age;

    @ConfigProperty(name = "detection.alerts.pending-changes.interval")
    Duration interval;

    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> settle().subscribe().with(
                settled -> {
                    if (settled > 0) {
                        LOG.infof("Settled %d pending alert changes", settled);
                    }
                },
                failure -> LOG.warnf("Settling pending alert changes failed, will retry: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Settles one batch of abandoned pending changes; answers how many. */
    public Uni<Integer> settle() {
        return pool.withTransaction(tx -> changeLog.stalePending(tx, age, BATCH).flatMap(stale -> stale.isEmpty()
                        ? Uni.createFrom().item(0)
                        : currentAlerts(stale).flatMap(alerts -> apply(tx, stale, alerts))))
                .invoke(settled -> {
                    if (settled > 0) {
                        outbox.committed();
                    }
                });
    }

    /** The alerts of the pending changes as Elasticsearch holds them now, by index and id. */
    private Uni<Map<String, JsonNode>> currentAlerts(List<RecordedChange> stale) {
        ObjectNode request = json.createObjectNode();
        ArrayNode docs = request.putArray("docs");
        for (RecordedChange change : stale) {
            docs.addObject().put("_index", change.index()).put("_id", change.alertId());
        }
        return elasticsearch.send("POST", "/_mget", Map.of(), request).map(answer -> {
            if (!answer.ok()) {
                throw new IllegalStateException("Elasticsearch answered " + answer.status() + ": " + answer.errorReason());
            }
            Map<String, JsonNode> alerts = new java.util.HashMap<>();
            for (JsonNode doc : answer.body().path("docs")) {
                if (doc.path("found").asBoolean()) {
                    alerts.put(doc.path("_index").asText() + "/" + doc.path("_id").asText(), doc);
                }
            }
            return alerts;
        });
    }

    private Uni<Integer> apply(SqlConnection tx, List<RecordedChange> stale, Map<String, JsonNode> alerts) {
        Map<UUID, List<RecordedChange>> byRequest = stale.stream()
                .collect(Collectors.groupingBy(RecordedChange::requestId));
        List<RecordedChange> applied = new ArrayList<>();
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, List<RecordedChange>> request : byRequest.entrySet()) {
            List<String> written = new ArrayList<>();
            List<String> notWritten = new ArrayList<>();
            for (RecordedChange change : request.getValue()) {
                if (wasWritten(change, alerts.get(change.index() + "/" + change.alertId()))) {
                    written.add(change.alertId());
                    applied.add(change);
                } else {
                    notWritten.add(change.alertId());
                }
            }
            UUID requestId = request.getKey();
            done = done.chain(() -> changeLog.markApplied(tx, requestId, written).replaceWithVoid())
                    .chain(() -> changeLog.discard(tx, requestId, notWritten));
        }
        return done.chain(() -> outbox.append(tx, applied.stream().map(AlertUpdates::event).toList()))
                .replaceWith(stale.size());
    }

    static boolean wasWritten(RecordedChange change, JsonNode alert) {
        if (alert == null || alert.path("_seq_no").asLong(-1) <= change.seqNo()) {
            return false;
        }
        JsonNode source = alert.path("_source");
        for (FieldChange field : change.changes()) {
            JsonNode to = field.to() == null || field.to().isNull() ? null : field.to();
            if (!Objects.equals(AlertFields.value(source, field.field()), to)) {
                return false;
            }
        }
        return true;
    }
}
