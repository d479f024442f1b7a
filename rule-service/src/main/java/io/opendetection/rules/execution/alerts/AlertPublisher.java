package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.contracts.events.AlertEvent;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.suppression.SuppressionGroups;
import io.opendetection.rules.execution.suppression.SuppressionPlan;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes alerts on {@code detection.alerts.v1} (key: alert id) and answers once Kafka has
 * acknowledged every one of them (acks=all): an execution does not count its window as done
 * before that. Not through the outbox: alerts are many and already idempotent (deterministic ids,
 * alert-service writes with op_type=create), so a replay after a crash writes nothing twice.
 */
@ApplicationScoped
public class AlertPublisher {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    @Inject
    ObjectMapper json;

    @Inject
    SuppressionGroups suppressionGroups;

    private volatile KafkaProducer<String, byte[]> producer;

    /**
     * New alerts of an execution; the time until Kafka acknowledged them counts as its indexing time.
     * For a rule with {@code alert_suppression} they are the alert candidates: what suppression makes
     * of them (new alerts, updates of open groups' alerts) is published, then its groups kept.
     */
    public Uni<Void> publishCreated(RunContext run, List<ObjectNode> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long start = System.nanoTime();
        return suppressionGroups.plan(run, alerts).flatMap(suppression -> {
            if (suppression.isEmpty()) {
                return publish(run.space(), alerts, EventTypes.ALERT_CREATED).invoke(() -> created(run, alerts, start));
            }
            SuppressionPlan plan = suppression.get();
            if (plan.truncated()) {
                run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
            }
            return publish(run.space(), plan.created(), EventTypes.ALERT_CREATED)
                    .chain(() -> send(run.space(), plan.updates().stream()
                            .map(update -> Map.entry(update.alertId(), update.fields())).toList(),
                            EventTypes.ALERT_SUPPRESSION_UPDATED))
                    .invoke(() -> created(run, plan.created(), start))
                    .chain(() -> suppressionGroups.record(run, plan));
        });
    }

    private static void created(RunContext run, List<ObjectNode> alerts, long start) {
        run.indexingDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000);
        run.alertsCreated().addAndGet(alerts.size());
    }

    /** Whole alerts, each under its {@code kibana.alert.uuid}. */
    public Uni<Void> publish(String space, List<ObjectNode> alerts, String type) {
        return send(space, alerts.stream().map(alert -> Map.entry(alert.get("kibana.alert.uuid").asText(), alert))
                .toList(), type);
    }

    /** Documents keyed by alert id, answered once Kafka acknowledged them all. */
    private Uni<Void> send(String space, List<Map.Entry<String, ObjectNode>> documents, String type) {
        if (documents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> all = new CompletableFuture<>();
            AtomicInteger pending = new AtomicInteger(documents.size());
            String time = Timestamps.now();
            for (Map.Entry<String, ObjectNode> document : documents) {
                String id = document.getKey();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERTS, null, id,
                        serialise(new AlertEvent(space, id, document.getValue())), headers(type, id, time));
                producer().send(record, (metadata, failure) -> {
                    if (failure != null) {
                        all.completeExceptionally(failure);
                    } else if (pending.decrementAndGet() == 0) {
                        all.complete(null);
                    }
                });
            }
            return Uni.createFrom().completionStage(all);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()); // send() blocks while Kafka is unreachable
    }

    private RecordHeaders headers(String type, String id, String time) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(headers, CloudEventHeaders.TYPE, type);
        header(headers, CloudEventHeaders.SOURCE, "/" + source);
        header(headers, CloudEventHeaders.TIME, time);
        header(headers, CloudEventHeaders.SUBJECT, id);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Straight to UTF-8 bytes: no text in between to encode again. */
    private byte[] serialise(AlertEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert is not serialisable", e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.LINGER_MS_CONFIG, 5,
                            // Alerts of one rule repeat the rule's fields: lz4 keeps 60,000 of them in 20 MB
                            // of log rather than about 130 MB, in batches of up to 256 KiB rather than 16.
                            ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                            ProducerConfig.CLIENT_ID_CONFIG, source + "-alerts"),
                            new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
