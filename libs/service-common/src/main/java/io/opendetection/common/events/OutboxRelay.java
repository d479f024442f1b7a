package io.opendetection.common.events;

import io.opendetection.contracts.events.CloudEventHeaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka in order, with the CloudEvents attributes in the record headers,
 * and deletes each event once Kafka acknowledged it. One relay at a time per schema (an advisory
 * lock), so the order of events survives several replicas; at least once, as the consumers expect.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('outbox.' || current_schema())) AS locked";
    private static final String NEXT = "SELECT id, event_id, topic, record_key, event_type, subject, payload, occurred_at"
            + " FROM outbox ORDER BY id LIMIT $1";
    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY($1)";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<Record<String, String>> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    @ConfigProperty(name = "detection.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "detection.outbox.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private long timer = -1;
    private Context context;

    void start(@Observes StartupEvent event) {
        // The relay's own event-loop context: a nudge from a request does not publish on the
        // request's event loop, which a large change (thousands of events) would hold for seconds.
        context = vertx.getDelegate().getOrCreateContext();
        // The poll catches what a nudge missed: events of a replica that died before publishing them.
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Publishes what is waiting now; if a drain is under way, it runs once more when done. */
    public void nudge() {
        if (context != null && io.vertx.core.Vertx.currentContext() != context) {
            context.runOnContext(ignored -> nudge());
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        pool.withTransaction(this::relayBatch).subscribe().with(
                published -> {
                    draining.set(false);
                    if (published == batchSize || again.get()) {
                        nudge();
                    }
                },
                failure -> {
                    draining.set(false);
                    LOG.warnf("Publishing the outbox failed, will retry: %s", failure.getMessage());
                });
    }

    private Uni<Integer> relayBatch(SqlConnection connection) {
        return connection.query(LOCK).execute()
                .flatMap(locked -> !locked.iterator().next().getBoolean("locked")
                        ? Uni.createFrom().item(0)
                        : connection.preparedQuery(NEXT).execute(Tuple.of(batchSize)).flatMap(rows -> {
                            List<Uni<Void>> sends = new ArrayList<>();
                            List<Long> ids = new ArrayList<>();
                            for (Row row : rows) {
                                ids.add(row.getLong("id"));
                                sends.add(emitter.sendMessage(toMessage(row)));
                            }
                            if (ids.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            return Uni.join().all(sends).andFailFast()
                                    .flatMap(sent -> connection.preparedQuery(DELETE)
                                            .execute(Tuple.of(ids.toArray(Long[]::new))))
                                    .replaceWith(ids.size());
                        }));
    }

    private Message<Record<String, String>> toMessage(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.TYPE, row.getString("event_type"));
        header(headers, CloudEventHeaders.SOURCE, "/" + source);
        header(headers, CloudEventHeaders.TIME,
                row.getOffsetDateTime("occurred_at").format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        String key = row.getString("record_key");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(Record.of(key, row.getString("payload"))).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
