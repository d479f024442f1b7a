package io.opendetection.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.AlertEvent;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.TestEndpoints;
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
 * Alerts as a query rule's executor builds them (ENGINE.md §12: Kibana's {@code _source}, dotted
 * keys) and publishes them on {@code detection.alerts.v1}, for the tests to produce themselves.
 */
public final class AlertFixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private AlertFixtures() {
    }

    public static ObjectNode alert(String space, String id, String host) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String ruleUuid = "9e2cbd52-6a33-4b2c-8d16-0d2b6a5f0b11";
        ObjectNode alert = JSON.createObjectNode();
        alert.put("@timestamp", now.toString());
        alert.put("event.kind", "signal");
        alert.put("event.action", "user_login");
        alert.put("event.outcome", "success"); // not in the alerts mapping: kept in _source only
        alert.put("host.name", host);
        alert.put("user.name", "root");
        alert.putArray("kibana.space_ids").add(space);
        alert.put("kibana.version", "8.19.0");
        alert.put("kibana.alert.uuid", id);
        alert.put("kibana.alert.status", "active");
        alert.put("kibana.alert.workflow_status", "open");
        alert.putArray("kibana.alert.workflow_tags");
        alert.putArray("kibana.alert.workflow_assignee_ids");
        alert.put("kibana.alert.original_time", now.minusSeconds(30).toString());
        alert.put("kibana.alert.start", now.toString());
        alert.put("kibana.alert.last_detected", now.toString());
        alert.put("kibana.alert.intended_timestamp", now.toString());
        alert.put("kibana.alert.reason", "authentication event with source root on " + host
                + " created high alert Root logins.");
        alert.put("kibana.alert.severity", "high");
        alert.put("kibana.alert.risk_score", 73);
        alert.put("kibana.alert.depth", 1);
        alert.putArray("kibana.alert.ancestors").addObject().put("id", "event-" + id).put("type", "event")
                .put("index", "auditbeat-8.19.0").put("depth", 0);
        alert.putArray("kibana.alert.maintenance_window_ids");
        alert.put("kibana.alert.rule.uuid", ruleUuid);
        alert.put("kibana.alert.rule.rule_id", "root-logins");
        alert.put("kibana.alert.rule.name", "Root logins");
        alert.put("kibana.alert.rule.type", "query");
        alert.put("kibana.alert.rule.rule_type_id", "siem.queryRule");
        alert.put("kibana.alert.rule.category", "Custom Query Rule");
        alert.put("kibana.alert.rule.consumer", "siem");
        alert.put("kibana.alert.rule.producer", "siem");
        alert.put("kibana.alert.rule.severity", "high");
        alert.put("kibana.alert.rule.risk_score", 73);
        alert.put("kibana.alert.rule.version", 1);
        alert.put("kibana.alert.rule.revision", 0);
        alert.put("kibana.alert.rule.enabled", true);
        alert.put("kibana.alert.rule.from", "now-6m");
        alert.put("kibana.alert.rule.to", "now");
        alert.put("kibana.alert.rule.interval", "5m");
        alert.put("kibana.alert.rule.max_signals", 100);
        alert.put("kibana.alert.rule.execution.uuid", UUID.randomUUID().toString());
        alert.put("kibana.alert.rule.execution.type", "scheduled");
        return alert;
    }

    /** Record key, ce_type and value of one alert event. */
    public record Event(String key, String type, String value) {
    }

    public static Event created(String space, String id, ObjectNode alert) {
        return event(EventTypes.ALERT_CREATED, space, id, alert);
    }

    public static Event suppressionUpdated(String space, String id, ObjectNode fields) {
        return event(EventTypes.ALERT_SUPPRESSION_UPDATED, space, id, fields);
    }

    public static Event event(String type, String space, String id, ObjectNode document) {
        return new Event(id, type, JSON.valueToTree(new AlertEvent(space, id, document)).toString());
    }

    /** New alerts in a space, with random ids; answers the ids. */
    public static List<String> publishAlerts(String space, int count) {
        List<String> ids = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().replace("-", "") + i;
            ids.add(id);
            events.add(created(space, id, alert(space, id, "host-" + (i % 3))));
        }
        publish(events);
        return ids;
    }

    public static void publish(List<Event> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEndpoints.current().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (Event event : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALERTS, event.key(), event.value());
                record.headers().add(CloudEventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.SOURCE, "/rule-service".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
