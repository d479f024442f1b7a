package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.RuleChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.TestEndpoints;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** What the executor tests do alike: ECS events in Elasticsearch, records on Kafka, alerts read back. */
final class DetectionFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private DetectionFixtures() {
    }

    static String elasticsearch() {
        return TestEndpoints.current().elasticsearchUrl();
    }

    /** A new index with ECS-like mappings for the fields the tests query. */
    static String newIndex(String prefix) {
        String index = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(elasticsearch()).contentType(ContentType.JSON).body("""
                {"mappings":{"properties":{"@timestamp":{"type":"date"},"event.ingested":{"type":"date"},
                 "user":{"properties":{"name":{"type":"keyword"}}},"host":{"properties":{"name":{"type":"keyword"}}},
                 "event":{"properties":{"category":{"type":"keyword"},"kind":{"type":"keyword"}}},
                 "source":{"properties":{"ip":{"type":"ip"}}}}}}""")
                .put("/" + index).then().statusCode(200);
        return index;
    }

    /** An authentication event of {@code user} on {@code host} at {@code at}; answers its _id. */
    static String indexEvent(String index, Instant at, String user, String host) {
        ObjectNode event = JSON.createObjectNode();
        event.put("@timestamp", at.toString());
        event.putObject("event").put("kind", "event").put("category", "authentication").put("outcome", "success");
        event.putObject("user").put("name", user);
        event.putObject("host").put("name", host);
        event.put("message", "login of " + user + " on " + host);
        return index(index, event);
    }

    static String index(String index, ObjectNode document) {
        return given().baseUri(elasticsearch()).contentType(ContentType.JSON).body(document.toString())
                .queryParam("refresh", "true")
                .post("/" + index + "/_doc").then().statusCode(201).extract().path("_id");
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestEndpoints.current().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    static void send(String topic, String key, String type, Object payload) {
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key,
                    payload == null ? null : JSON.writeValueAsString(payload));
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a rule on detection.rules.v1 as rule-service does, without going through its API. */
    static void publishRule(String space, ObjectNode rule) {
        send(Topics.RULES, rule.get("id").asText(), EventTypes.RULE_UPDATED, new RuleChange(space, rule));
    }

    /** A rule as the API returns it, for the tests that publish it directly. */
    static ObjectNode rule(UUID id, String index, String query) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("id", id.toString()).put("rule_id", "rule-" + id).put("name", "Root logins")
                .put("description", "d").put("risk_score", 21).put("severity", "low").put("type", "query")
                .put("language", "kuery").put("query", query).put("enabled", true).put("interval", "2s")
                .put("from", "now-2m").put("to", "now").put("max_signals", 100).put("version", 1)
                .put("revision", 0).put("immutable", false);
        rule.putArray("index").add(index);
        rule.putArray("exceptions_list");
        return rule;
    }

    /** Records of {@code topic} matching {@code match}, read from the start until {@code enough} holds or time runs out. */
    static List<ConsumerRecord<String, String>> collect(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                         Predicate<List<ConsumerRecord<String, String>>> enough,
                                                         Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEndpoints.current().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
                if (enough.test(found)) {
                    return found;
                }
            }
        }
        return found;
    }

    /** The alerts published for a rule, by alert id (a later copy of the same alert replaces an earlier one). */
    static Map<String, JsonNode> alertsOf(String ruleId, int atLeast, Duration timeout) {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        collect(Topics.ALERTS, record -> ruleId.equals(parse(record.value()).path("document")
                        .path("kibana.alert.rule.uuid").asText()),
                records -> {
                    records.forEach(record -> alerts.put(record.key(), parse(record.value())));
                    return alerts.size() >= atLeast;
                }, timeout);
        return alerts;
    }

    /** The executions published for a rule, oldest first. */
    static List<JsonNode> executionsOf(String ruleId, Predicate<List<JsonNode>> enough, Duration timeout) {
        List<JsonNode> executions = new ArrayList<>();
        collect(Topics.RULE_EXECUTIONS, record -> ruleId.equals(record.key()), records -> {
            executions.clear();
            records.forEach(record -> executions.add(parse(record.value())));
            return enough.test(executions);
        }, timeout);
        return executions;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
