package io.opendetection.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topic declarations (Strimzi KafkaTopics in dev, the kafka-topics Job's list in production)
 * name exactly the system's topics: those of the contracts library and every topic the services'
 * configurations name (their dead-letter topics); compacted exactly where the contract says; with the partitions and
 * replication the overlay's kafka-settings give the services.
 */
class KafkaTopicsTest {
    /** Where a service names the topics it reads, writes, dead-letters to or creates at start. */
    private static final Pattern SERVICE_TOPICS = Pattern.compile(
            "(?m)^(?:mp\\.messaging\\.(?:incoming|outgoing)\\.[^.]+\\.(?:dead-letter-queue\\.)?topic|detection\\.topics\\.required)=(\\S+)");
    private static final Pattern VERSION = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>");

    static List<String> overlays() {
        return Rendering.OVERLAYS;
    }

    /** Every topic name: the constants of Topics, and every topic a service's configuration names (dead-letter topics among them). */
    static Set<String> systemTopics() {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        for (String module : ServiceSources.modules()) {
            Matcher named = SERVICE_TOPICS.matcher(Repository.read(module + "/src/main/resources/application.properties"));
            while (named.find()) {
                topics.addAll(List.of(named.group(1).split(",")));
            }
        }
        return topics;
    }

    @Test
    void theSystemsTopicsIncludeTheContractsAndTheDeadLetterTopics() {
        Set<String> topics = systemTopics();
        assertTrue(topics.containsAll(Topics.COMPACTED));
        assertTrue(topics.contains(Topics.RULES) && topics.contains(Topics.ALERTS));
        assertTrue(topics.stream().anyMatch(topic -> topic.endsWith(".dlq")), "rule-service's dead-letter topic");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicIsDeclaredOnceAsTheContractSays(String overlay) {
        Rendering rendering = Rendering.of(overlay);
        Map<String, Declaration> declared = new TreeMap<>();
        List<ObjectNode> kafkaTopics = rendering.all("KafkaTopic");
        for (ObjectNode topic : kafkaTopics) {
            JsonNode spec = topic.path("spec");
            assertEquals(Rendering.name(topic), spec.path("topicName").asText(), "KafkaTopic " + Rendering.name(topic));
            String cluster = Rendering.labels(topic.path("metadata")).get("strimzi.io/cluster");
            assertTrue(rendering.find("Kafka", cluster).isPresent(), overlay + ": KafkaTopic " + Rendering.name(topic)
                    + " belongs to Kafka '" + cluster + "', which this overlay does not declare");
            Map<String, String> config = new TreeMap<>(Rendering.map(spec.path("config")));
            declared.put(spec.path("topicName").asText(), new Declaration(spec.path("partitions").asInt(), spec.path("replicas").asInt(), config));
        }
        var job = rendering.find("Job", "kafka-topics");
        if (job.isPresent()) {
            assertTrue(kafkaTopics.isEmpty(), overlay + ": topics are declared either for Strimzi or for the Job, not both");
            declared.putAll(jobDeclarations(rendering));
        }
        assertFalse(declared.isEmpty(), overlay + " declares no topics");
        assertEquals(systemTopics(), declared.keySet(), overlay + ": the declared topics");

        int partitions = Integer.parseInt(rendering.configValue("kafka-settings", "KAFKA_TOPIC_PARTITIONS").orElseThrow());
        int replicas = Integer.parseInt(rendering.configValue("kafka-settings", "KAFKA_TOPIC_REPLICATION_FACTOR").orElseThrow());
        declared.forEach((topic, declaration) -> {
            assertEquals(partitions, declaration.partitions(), overlay + ": " + topic + " partitions, as the services would create it");
            assertEquals(replicas, declaration.replicas(), overlay + ": " + topic + " replicas, as the services would create it");
            boolean compacted = Topics.COMPACTED.contains(topic);
            assertEquals(compacted ? "compact" : "delete", declaration.config().get("cleanup.policy"), overlay + ": " + topic);
            assertEquals(!compacted, declaration.config().containsKey("retention.ms"), overlay + ": " + topic + " retention");
        });
    }

    /** The Job runs the Kafka distribution of the version the project builds against. */
    @Test
    void theJobRunsTheProjectsKafkaVersion() {
        Matcher version = VERSION.matcher(Repository.read("pom.xml"));
        assertTrue(version.find());
        ObjectNode job = Rendering.of("overlays/production").get("Job", "kafka-topics");
        assertEquals("apache/kafka:" + version.group(1), Rendering.podSpec(job).path("containers").get(0).path("image").asText());
    }

    /** The Job's list: a topic a line, its configs comma-separated; partitions and replicas from kafka-settings. */
    private static Map<String, Declaration> jobDeclarations(Rendering rendering) {
        ObjectNode job = rendering.get("Job", "kafka-topics");
        JsonNode container = Rendering.podSpec(job).path("containers").get(0);
        assertEquals("kafka-settings", container.path("envFrom").get(0).path("configMapRef").path("name").asText(),
                "the Job reads the services' Kafka settings");
        String script = rendering.configValue("kafka-topics", "create-topics.sh").orElseThrow();
        assertTrue(script.contains("--if-not-exists") && script.contains("\"$KAFKA_TOPIC_PARTITIONS\"")
                && script.contains("\"$KAFKA_TOPIC_REPLICATION_FACTOR\""), "the Job's script");
        int partitions = Integer.parseInt(rendering.configValue("kafka-settings", "KAFKA_TOPIC_PARTITIONS").orElseThrow());
        int replicas = Integer.parseInt(rendering.configValue("kafka-settings", "KAFKA_TOPIC_REPLICATION_FACTOR").orElseThrow());
        Map<String, Declaration> declared = new LinkedHashMap<>();
        for (String line : rendering.configValue("kafka-topics", "topics").orElseThrow().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            Map<String, String> config = new TreeMap<>();
            if (parts.length > 1) {
                for (String setting : parts[1].split(",")) {
                    config.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
                }
            }
            assertTrue(declared.put(parts[0], new Declaration(partitions, replicas, config)) == null, parts[0] + " listed twice");
        }
        return declared;
    }

    record Declaration(int partitions, int replicas, Map<String, String> config) {
    }
}
