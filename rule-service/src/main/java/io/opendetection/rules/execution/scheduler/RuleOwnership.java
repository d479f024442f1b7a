package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which rules this replica runs: every replica joins one consumer group on detection.rules.v1,
 * and a rule belongs to the replica that owns its partition. On assignment a partition is read
 * again from its beginning (the topic is compacted: the current version of each rule), and its
 * rules are handed to the scheduler only once the partition has been read up to where it ended at
 * assignment, so an old version never runs. On revocation its rules are dropped. Offsets are
 * never committed: ownership, not progress, is what the group is for.
 */
@ApplicationScoped
public class RuleOwnership {
    private static final Logger LOG = Logger.getLogger(RuleOwnership.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "detection.executor.enabled")
    boolean enabled;

    @ConfigProperty(name = "detection.executor.group-id")
    String groupId;

    @Inject
    OwnedRules owned;

    @Inject
    Scheduler scheduler;

    @Inject
    ObjectMapper json;

    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    /** A rule read since the last poll may be due now. */
    private boolean dueNow;
    /** Partitions being read again, with the offset their reading must reach and what was read so far. */
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    /**
     * Each rule's last change read so far, as the scheduler keeps it (a disabled rule: its schedule
     * only), never the records' bytes: the records of 60,000 rules are about 450 MB, over the heap.
     */
    private final Map<TopicPartition, Map<UUID, Change>> pending = new HashMap<>();

    /** What a record does to the owned rules: {@code record} upserted, or the rule removed when null. */
    private record Change(UUID id, RuleRecord record) {
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        thread = new Thread(this::consume, "rule-ownership");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void consume() {
        while (!stopping) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties(),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(Topics.RULES), new Rebalance(kafka));
                while (!stopping) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                        apply(new TopicPartition(record.topic(), record.partition()), record.key(), record.value());
                    }
                    releaseCaughtUp(kafka);
                    if (dueNow) {
                        dueNow = false;
                        scheduler.wake();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.warnf("Reading %s failed, joining the group again: %s", Topics.RULES, e.toString());
                owned.dropPartitions(owned.all().stream().map(rule -> rule.partition).toList());
                catchingUp.clear();
                pending.clear();
                sleep();
            }
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "rule-executor-" + UUID.randomUUID());
        // Only the partitions that move are revoked and read again on a rebalance.
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return properties;
    }

    private void apply(TopicPartition partition, String key, byte[] value) {
        Change change = read(key, value);
        if (change == null) {
            return;
        }
        Map<UUID, Change> buffered = pending.get(partition);
        if (buffered != null) {
            buffered.put(change.id(), change);
        } else {
            applyNow(partition.partition(), change);
        }
    }

    /** The record's change; null when it is none (not keyed by a rule id, or not a change of that rule). */
    private Change read(String key, byte[] value) {
        UUID id;
        try {
            id = UUID.fromString(key);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        if (value == null) {
            return new Change(id, null);
        }
        try {
            RuleRecord record = RuleRecord.read(json, value);
            if (record == null || !id.toString().equals(record.rule().path("id").asText())) {
                return null;
            }
            return new Change(id, record);
        } catch (Exception e) {
            LOG.warnf("Rule record %s is not a rule change, skipped: %s", key, e.getMessage());
            return null;
        }
    }

    private void applyNow(int partition, Change change) {
        if (change.record() == null) {
            owned.remove(change.id());
        } else {
            dueNow |= owned.upsert(partition, change.record().space(), change.record().rule());
        }
    }

    private void releaseCaughtUp(KafkaConsumer<String, byte[]> kafka) {
        if (catchingUp.isEmpty()) {
            return;
        }
        for (var iterator = catchingUp.entrySet().iterator(); iterator.hasNext(); ) {
            Map.Entry<TopicPartition, Long> entry = iterator.next();
            if (kafka.position(entry.getKey()) >= entry.getValue()) {
                iterator.remove();
                Map<UUID, Change> read = pending.remove(entry.getKey());
                read.values().forEach(change -> applyNow(entry.getKey().partition(), change));
                LOG.debugf("Took over partition %s of %s (%s rules)", (Object) entry.getKey().partition(), Topics.RULES, read.size());
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called on the consumer's thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        Rebalance(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                catchingUp.put(partition, ends.getOrDefault(partition, 0L));
                pending.put(partition, new LinkedHashMap<>());
            }
            LOG.infof("Assigned partitions %s of %s", partitions.stream().map(TopicPartition::partition).toList(),
                    Topics.RULES);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        private void drop(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<Integer> numbers = new java.util.HashSet<>();
            for (TopicPartition partition : partitions) {
                numbers.add(partition.partition());
                catchingUp.remove(partition);
                pending.remove(partition);
            }
            owned.dropPartitions(numbers);
            LOG.infof("Revoked partitions %s of %s", numbers, Topics.RULES);
        }
    }
}
