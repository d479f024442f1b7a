package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads a record of {@code detection.alerts.v1} ({@link io.opendetection.contracts.events.AlertEvent}
 * with its {@code ce_type}) into an {@link AlertWrite}, or says why it can never be written.
 */
final class AlertEventReader {
    // The spaces the gateway accepts in /s/{space}/: anything else cannot name an alerts index.
    private static final Pattern SPACE = Pattern.compile("[a-z0-9_-]+");

    private final ObjectMapper json;

    AlertEventReader(ObjectMapper json) {
        this.json = json;
    }

    EventRead read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return new DeadLetter(record, "the record has no value");
        }
        AlertWrite.Kind kind;
        String type = header(record, CloudEventHeaders.TYPE);
        if (EventTypes.ALERT_CREATED.equals(type)) {
            kind = AlertWrite.Kind.CREATE;
        } else if (EventTypes.ALERT_SUPPRESSION_UPDATED.equals(type)) {
            kind = AlertWrite.Kind.SUPPRESSION_UPDATE;
        } else {
            return new DeadLetter(record, "unknown event type " + (type == null ? "(no ce_type header)" : "\"" + type + "\""));
        }
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JsonProcessingException e) {
            return new DeadLetter(record, "the value is not JSON: " + e.getOriginalMessage());
        }
        String space = event.path("space").asText("");
        if (!SPACE.matcher(space).matches()) {
            return new DeadLetter(record, "space must match " + SPACE.pattern() + ", received \"" + space + "\"");
        }
        String id = event.path("id").isTextual() ? event.get("id").textValue() : "";
        // Elasticsearch's limit on _id; over it, the whole bulk would be refused.
        if (id.isBlank() || id.getBytes(StandardCharsets.UTF_8).length > 512) {
            return new DeadLetter(record, "id must be a string of 1 to 512 bytes");
        }
        if (!(event.get("document") instanceof ObjectNode document) || document.isEmpty()) {
            return new DeadLetter(record, "document must be a non-empty object");
        }
        return new AlertWrite(record, kind, space, id, document);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
