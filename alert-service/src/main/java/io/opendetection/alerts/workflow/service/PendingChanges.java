package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.opendetection.alerts.workflow.persistence.AlertChangeLog;
import io.opendetection.alerts.workflow.persistence.AlertChangeLog.Intent;
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

/**
 * Settles the changes a crash (or a failed request) left pending: recorded as an intent, but with
 * no answer from Elasticsearch written down. For each change, the alert as Elasticsearch holds it
 * decides: written after our read ({@code _seq_no} moved on) and holding the values we set means
 * our write happened, so the change is recorded and published; otherwise it did not happen (or was
 * overwritten, and then that later change is the one to tell) and it is forgotten with the intent.
 * Intents are locked while settled, so several replicas never settle one twice.
 */
@ApplicationScoped
public class PendingChanges {
    private static final Logger LOG = Logger.getLogger(PendingChanges.class);
    // intents hold a page each (detection.alerts.update.page-size alerts): a few per transaction
    private static final int INTENTS = 5;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    AlertChangeLog changeLog;

    @Inject
    AlertUpdates updates;

    @Inject
    ElasticsearchJson elasticsearch;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** How old an intent must be before it counts as abandoned: longer than any request takes. */
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

    /** Settles a batch of abandoned intents; answers how many changes they held. */
    public Uni<Integer> settle() {
        return pool.withTransaction(tx -> changeLog.staleIntents(tx, age, INTENTS).flatMap(stale -> stale.isEmpty()
                        ? Uni.createFrom().item(0)
                        : currentAlerts(stale).flatMap(alerts -> apply(tx, stale, alerts))))
                .invoke(settled -> {
                    if (settled > 0) {
                        outbox.committed();
                    }
                });
    }

    /** The alerts of the intents' changes as Elasticsearch holds them now, by index and id. */
    private Uni<Map<String, JsonNode>> currentAlerts(List<Intent> stale) {
        ObjectNode request = json.createObjectNode();
        ArrayNode docs = request.putArray("docs");
        for (Intent intent : stale) {
            for (RecordedChange change : intent.changes()) {
                docs.addObject().put("_index", change.index()).put("_id", change.alertId());
            }
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

    private Uni<Integer> apply(SqlConnection tx, List<Intent> stale, Map<String, JsonNode> alerts) {
        Uni<Void> done = Uni.createFrom().voidItem();
        int changes = 0;
        for (Intent intent : stale) {
            List<Integer> written = new ArrayList<>();
            for (int i = 0; i < intent.changes().size(); i++) {
                RecordedChange change = intent.changes().get(i);
                if (wasWritten(change, alerts.get(change.index() + "/" + change.alertId()))) {
                    written.add(i);
                }
            }
            changes += intent.changes().size();
            done = done.chain(() -> updates.recordMade(tx, intent, written));
        }
        int settled = changes;
        return done.replaceWith(settled);
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
