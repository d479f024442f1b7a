package io.opendetection.gateway.audit;

import io.opendetection.contracts.events.Topics;
import io.opendetection.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes audit records on {@link Topics#AUDIT}, keyed by the user. The record is written to the
 * log first; this is the copy other systems (a SIEM, an archive) consume. Sending never holds up a
 * request: records queue for one sender thread, and when Kafka is away for long enough that the
 * queue fills, records are dropped from Kafka (counted and logged, never silently), not from the log.
 */
@ApplicationScoped
public class AuditTopic {
    private static final Logger LOG = Logger.getLogger(AuditTopic.class);
    private static final int QUEUED = 10_000;

    @Inject
    GatewayConfig config;

    private KafkaProducer<String, String> producer;
    private ThreadPoolExecutor sender;
    private final AtomicLong dropped = new AtomicLong();

    void start(@Observes StartupEvent event) {
        Optional<String> servers = config.audit().bootstrapServers().filter(value -> !value.isBlank());
        if (servers.isEmpty()) {
            LOG.info("No Kafka configured: audit records go to the log only");
            return;
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.get(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-audit"), new StringSerializer(), new StringSerializer());
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED),
                runnable -> {
                    Thread thread = new Thread(runnable, "audit-topic");
                    thread.setDaemon(true);
                    return thread;
                },
                (runnable, executor) -> droppedOne());
        if (config.audit().createTopic()) {
            sender.execute(() -> createTopic(servers.get()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer == null) {
            return;
        }
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Queues one record; {@code user} is the key, so one user's records stay in order. */
    public void publish(String user, String record) {
        if (producer == null) {
            return;
        }
        sender.execute(() -> producer.send(new ProducerRecord<>(Topics.AUDIT, user, record), (metadata, failure) -> {
            if (failure != null) {
                droppedOne();
            }
        }));
    }

    private void droppedOne() {
        long count = dropped.incrementAndGet();
        // the first, then every thousandth: enough to alert on without flooding the log
        if (count == 1 || count % 1000 == 0) {
            LOG.warnf("%d audit records could not be published on %s (they are in the log)", count, Topics.AUDIT);
        }
    }

    private void createTopic(String servers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            admin.createTopics(List.of(new NewTopic(Topics.AUDIT, config.audit().topicPartitions(),
                    config.audit().topicReplicationFactor()))).all().get(15, TimeUnit.SECONDS);
            LOG.infof("Created Kafka topic %s", Topics.AUDIT);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("Could not create Kafka topic %s: %s", Topics.AUDIT, e.getCause().getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("Could not create Kafka topic %s: %s", Topics.AUDIT, e.getMessage());
        }
    }
}
