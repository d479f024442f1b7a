package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
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

    EventRead read(ConsumerRecord<byte[], byte[]> record) {
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
        String space = "";
        String id = "";
        int[] document = null;
        byte[] value = record.value();
        // One streaming pass over the record's UTF-8 bytes: the document is checked for well-formed
        // JSON and kept as where it lies in them; those bytes go into the bulk body as they are,
        // rather than decoded, built into a tree and written out again.
        try (JsonParser parser = json.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new DeadLetter(record, "the value is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "space" -> space = text(parser, token);
                    case "id" -> id = text(parser, token);
                    case "document" -> document = objectBounds(parser, token, value);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new DeadLetter(record, "the value is not JSON: " + (e instanceof JsonProcessingException processing
                    ? processing.getOriginalMessage() : e.getMessage()));
        }
        if (!SPACE.matcher(space).matches()) {
            return new DeadLetter(record, "space must match " + SPACE.pattern() + ", received \"" + space + "\"");
        }
        // Elasticsearch's limit on _id; over it, the whole bulk would be refused.
        if (id.isBlank() || id.getBytes(StandardCharsets.UTF_8).length > 512) {
            return new DeadLetter(record, "id must be a string of 1 to 512 bytes");
        }
        if (document == null) {
            return new DeadLetter(record, "document must be a non-empty object");
        }
        return new AlertWrite(record, kind, space, id, document[0], document[1] - document[0]);
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return "";
    }

    /**
     * Where the object the parser is at starts and ends (exclusive) in {@code value}, or null when it
     * is empty or not an object.
     */
    private static int[] objectBounds(JsonParser parser, JsonToken token, byte[] value) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        for (int i = start + 1; i < end - 1; i++) {
            if (!Character.isWhitespace(value[i])) {
                return new int[] {start, end};
            }
        }
        return null;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
