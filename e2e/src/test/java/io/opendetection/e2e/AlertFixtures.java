package io.opendetection.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.AlertEvent;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts as a query rule's executor builds them (ENGINE.md §12: Kibana's {@code _source} with
 * dotted keys), published on {@code detection.alerts.v1} as the executor publishes them; the e2e
 * tests make their own, the executor being tested on its own.
 */
final class AlertFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private AlertFixtures() {
    }

    static ObjectNode alert(String space, String id, int n) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode alert = JSON.createObjectNode();
        alert.put("@timestamp", now.toString());
        alert.put("event.kind", "signal");
        alert.put("event.action", "user_login");
        alert.put("event.category", "authentication");
        alert.put("host.name", "host-" + (n % 5));
        alert.put("user.name", n % 2 == 0 ? "root" : "admin");
        alert.put("source.ip", "10.0." + (n % 250) + ".1");
        alert.put("custom_outcome", "failure"); // in _source only: the alerts mapping does not know it
        alert.putArray("kibana.space_ids").add(space);
        alert.put("kibana.version", "8.19.0");
        alert.put("kibana.alert.uuid", id);
        alert.put("kibana.alert.status", "active");
        alert.put("kibana.alert.workflow_status", "open");
        alert.putArray("kibana.alert.workflow_tags");
        alert.putArray("kibana.alert.workflow_assignee_ids");
        alert.put("kibana.alert.original_time", now.minusSeconds(60).toString());
        alert.put("kibana.alert.start", now.toString());
        alert.put("kibana.alert.last_detected", now.toString());
        alert.put("kibana.alert.intended_timestamp", now.toString());
        alert.put("kibana.alert.reason", "authentication event with source root on host-" + (n % 5)
                + " created high alert Simple Rule Query.");
        alert.put("kibana.alert.severity", "high");
        alert.put("kibana.alert.risk_score", 1);
        alert.put("kibana.alert.depth", 1);
        alert.putArray("kibana.alert.ancestors").addObject().put("id", "evt-" + id).put("type", "event")
                .put("index", "auditbeat-8.19.0").put("depth", 0);
        alert.put("kibana.alert.rule.uuid", "5d0ef2d4-9a3c-4a8b-9f6d-3c4f1e2a7b10");
        alert.put("kibana.alert.rule.rule_id", "rule-1");
        alert.put("kibana.alert.rule.name", "Simple Rule Query");
        alert.put("kibana.alert.rule.type", "query");
        alert.put("kibana.alert.rule.rule_type_id", "siem.queryRule");
        alert.put("kibana.alert.rule.consumer", "siem");
        alert.put("kibana.alert.rule.producer", "siem");
        alert.put("kibana.alert.rule.category", "Custom Query Rule");
        alert.put("kibana.alert.rule.severity", "high");
        alert.put("kibana.alert.rule.risk_score", 1);
        alert.put("kibana.alert.rule.version", 1);
        alert.put("kibana.alert.rule.enabled", true);
        alert.put("kibana.alert.rule.from", "now-6m");
        alert.put("kibana.alert.rule.to", "now");
        alert.put("kibana.alert.rule.interval", "5m");
        alert.put("kibana.alert.rule.execution.uuid", UUID.randomUUID().toString());
        alert.put("kibana.alert.rule.execution.type", "scheduled");
        return alert;
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemUnderTest.endpoints().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    static void send(KafkaProducer<String, String> producer, String space, String id, ObjectNode document) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALERTS, id,
                JSON.valueToTree(new AlertEvent(space, id, document)).toString());
        record.headers().add(CloudEventHeaders.TYPE, EventTypes.ALERT_CREATED.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/rule-service".getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    /** Publishes {@code count} new alerts in a space; answers their ids. */
    static List<String> publish(String space, int count) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < count; i++) {
                String id = newId();
                ids.add(id);
                send(producer, space, id, alert(space, id, i));
            }
            producer.flush();
        }
        return ids;
    }
}
