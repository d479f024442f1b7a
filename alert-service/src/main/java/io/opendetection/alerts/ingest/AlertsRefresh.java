package io.opendetection.alerts.ingest;

import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes written alerts searchable as soon as the ingest has written every alert there is, instead
 * of at the alerts index's next periodic refresh (up to a second later: a third of the time from a
 * rule's start to its last alert searchable, for a run of 10,000 alerts). The ingest is caught up
 * when no batch is being written, none started since the last one ended, and Kafka's lag of every
 * partition of the channel's consumers is 0. While alerts keep arriving, only the periodic refresh
 * runs; an ingest that keeps catching up refreshes an index at most once per
 * {@code detection.alerts.ingest.refresh-spacing}. A refresh that fails is only logged: the periodic
 * refresh still comes.
 */
@ApplicationScoped
public class AlertsRefresh {
    private static final Logger LOG = Logger.getLogger(AlertsRefresh.class);
    private static final String CHANNEL = "alerts";
    // An alias whose index was deleted meanwhile has nothing to refresh.
    private static final Map<String, String> PARAMETERS = Map.of("ignore_unavailable", "true");

    @Inject
    KafkaClientService kafka;

    @Inject
    ElasticsearchJson elasticsearch;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "detection.alerts.ingest.refresh-spacing")
    Duration spacing;

    /** Aliases written to since their last refresh. */
    private final Set<String> unrefreshed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private RefreshSpacing refreshes;

    @PostConstruct
    void init() {
        refreshes = new RefreshSpacing(spacing.toNanos());
    }

    /** A batch is being written. */
    void batchStarted() {
        started.incrementAndGet();
        writing.incrementAndGet();
    }

    /** A batch ended, its alerts written into these aliases (none if it failed). */
    void batchEnded(Collection<String> aliases) {
        unrefreshed.addAll(aliases);
        if (writing.decrementAndGet() > 0 || unrefreshed.isEmpty()) {
            return;
        }
        long startedBefore = started.get();
        drained().subscribe().with(drained -> {
            // A batch started meanwhile (one the consumer had already read): its end decides.
            if (drained && writing.get() == 0 && started.get() == startedBefore) {
                refreshWritten();
            }
        }, failure -> LOG.debugf("Reading the alerts consumers' lag failed: %s", failure.getMessage()));
    }

    /** True when no consumer of the channel has a record left to read. */
    private Uni<Boolean> drained() {
        // With concurrency, SmallRye names the channel's consumers alerts$1, alerts$2, …
        List<KafkaConsumer<Object, Object>> consumers = kafka.getConsumerChannels().stream()
                .filter(channel -> channel.equals(CHANNEL) || channel.startsWith(CHANNEL + "$"))
                .flatMap(channel -> kafka.<Object, Object>getConsumers(channel).stream())
                .toList();
        if (consumers.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<Uni<Boolean>> caughtUp = consumers.stream()
                .map(consumer -> consumer.runOnPollingThread(AlertsRefresh::caughtUp)).toList();
        return Uni.join().all(caughtUp).andFailFast().map(all -> !all.contains(false));
    }

    /** Whether the consumer has read every record of its partitions; an unknown lag counts as behind. */
    private static boolean caughtUp(Consumer<Object, Object> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void refreshWritten() {
        for (String alias : List.copyOf(unrefreshed)) {
            long in = refreshes.request(alias, System.nanoTime());
            if (in == RefreshSpacing.NOW) {
                refresh(alias);
            } else if (in != RefreshSpacing.ALREADY_PLANNED) {
                vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(in)), id -> {
                    refreshes.refreshing(alias, System.nanoTime());
                    refresh(alias);
                });
            }
        }
    }

    private void refresh(String alias) {
        // Alerts written from here on wait for the next refresh.
        unrefreshed.remove(alias);
        elasticsearch.send("POST", "/" + alias + "/_refresh", PARAMETERS, (String) null).subscribe().with(
                answer -> {
                    if (!answer.ok()) {
                        LOG.debugf("Refreshing %s answered %d: %s", alias, answer.status(), answer.errorReason());
                    }
                },
                failure -> LOG.debugf("Refreshing %s failed: %s", alias, failure.getMessage()));
    }
}
