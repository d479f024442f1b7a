package io.opendetection.rules.execution;

import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestEndpoints;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.opendetection.rules.execution.DetectionFixtures.alertsOf;
import static io.opendetection.rules.execution.DetectionFixtures.executionsOf;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two executors in one consumer group split the rules: a second member (standing in for another
 * replica, it owns partitions but runs nothing) keeps the rules of its partitions from this
 * service; once it leaves, the service takes them over and runs them.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class RuleOwnershipHandOverTest {
    @ConfigProperty(name = "detection.executor.group-id")
    String groupId;

    @Test
    void rulesOfAnotherMembersPartitionsRunHereOnlyAfterItLeaves() throws Exception {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        indexEvent(index, Instant.now().minusSeconds(20), "root", "web-01");

        Set<Integer> foreign = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        int partitions;
        Thread member;
        try (KafkaConsumer<String, String> probe = consumer("probe-" + UUID.randomUUID())) {
            partitions = probe.partitionsFor(Topics.RULES).size();
        }
        member = new Thread(() -> {
            try (KafkaConsumer<String, String> other = consumer(groupId)) {
                other.subscribe(java.util.List.of(Topics.RULES));
                while (!stop.get()) {
                    other.poll(Duration.ofMillis(200));
                    foreign.clear();
                    other.assignment().stream().map(TopicPartition::partition).forEach(foreign::add);
                }
            }
        }, "other-replica");
        member.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !foreign.isEmpty() && foreign.size() < partitions);
            Thread.sleep(2000); // let the service's member finish its part of the rebalance
            UUID theirs = ruleOnPartition(foreign, partitions, true);
            UUID ours = ruleOnPartition(foreign, partitions, false);
            DetectionFixtures.publishRule(space, DetectionFixtures.rule(theirs, index, "user.name: root"));
            DetectionFixtures.publishRule(space, DetectionFixtures.rule(ours, index, "user.name: root"));

            assertEquals(1, alertsOf(ours.toString(), 1, Duration.ofSeconds(60)).size());
            assertTrue(executionsOf(theirs.toString(), list -> !list.isEmpty(), Duration.ofSeconds(5)).isEmpty(),
                    "a rule of the other member's partition ran here");

            stop.set(true);
            member.join(30_000);
            assertEquals(1, alertsOf(theirs.toString(), 1, Duration.ofSeconds(90)).size());
            assertEquals("succeeded", executionsOf(theirs.toString(), list -> !list.isEmpty(), Duration.ofSeconds(30))
                    .get(0).path("status").asText());
        } finally {
            stop.set(true);
            member.join(30_000);
        }
    }

    /** A rule id whose record lands on one of {@code owned} (or on none of them), as Kafka's default partitioner places keys. */
    private static UUID ruleOnPartition(Set<Integer> owned, int partitions, boolean inside) {
        while (true) {
            UUID id = UUID.randomUUID();
            int partition = Utils.toPositive(Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
            if (owned.contains(partition) == inside) {
                return id;
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEndpoints.current().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
