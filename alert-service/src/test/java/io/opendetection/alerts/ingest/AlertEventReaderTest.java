package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class AlertEventReaderTest {
    private final AlertEventReader reader = new AlertEventReader(new ObjectMapper());

    @Test
    void readsNewAlertsAndSuppressionUpdates() {
        AlertWrite created = assertInstanceOf(AlertWrite.class, reader.read(record(EventTypes.ALERT_CREATED,
                "{\"space\":\"default\",\"id\":\"a1\",\"document\":{\"kibana.alert.uuid\":\"a1\"}}")));
        assertEquals(AlertWrite.Kind.CREATE, created.kind());
        assertEquals("{\"kibana.alert.uuid\":\"a1\"}", document(created));
        assertEquals(".alerts-security.alerts-default", created.index().alias());
        AlertWrite update = assertInstanceOf(AlertWrite.class, reader.read(record(EventTypes.ALERT_SUPPRESSION_UPDATED,
                "{\"space\":\"s1\",\"id\":\"a1\",\"document\":{\"kibana.alert.suppression.docs_count\":3}}")));
        assertEquals(AlertWrite.Kind.SUPPRESSION_UPDATE, update.kind());
        // the document is kept as written, nested objects and all, whatever follows it
        AlertWrite nested = assertInstanceOf(AlertWrite.class, reader.read(record(EventTypes.ALERT_CREATED,
                "{\"document\": {\"a\": {\"b\": [1, {\"c\": \"}\"}]}, \"d\": \"x\"} , \"id\":\"a2\",\"space\":\"s\"}")));
        assertEquals("{\"a\": {\"b\": [1, {\"c\": \"}\"}]}, \"d\": \"x\"}", document(nested));
        assertEquals("a2", nested.id());
        // bytes beyond ASCII before and in the document: its bounds are in bytes
        AlertWrite accented = assertInstanceOf(AlertWrite.class, reader.read(record(EventTypes.ALERT_CREATED,
                "{\"space\":\"s\",\"id\":\"é€\",\"document\":{\"user.name\":\"José 😀\"}}")));
        assertEquals("{\"user.name\":\"José 😀\"}", document(accented));
        assertEquals("é€", accented.id());
    }

    private static String document(AlertWrite write) {
        return new String(write.record().value(), write.documentStart(), write.documentLength(), StandardCharsets.UTF_8);
    }

    @Test
    void saysWhyARecordCanNeverBeWritten() {
        assertReason(record(null, "{}"), "unknown event type (no ce_type header)");
        assertReason(record(EventTypes.ALERT_CREATED, null), "the record has no value");
        assertReason(record(EventTypes.ALERT_CREATED, "[1,"), "the value is not a JSON object");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":\"s\",\"document\":{\"a\":[1,}}"),
                "the value is not JSON: ");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":\"s\",\"id\":\"a\",\"document\":{ }}"),
                "document must be a non-empty object");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":{\"x\":1},\"id\":\"a\",\"document\":{\"a\":1}}"),
                "space must match [a-z0-9_-]+, received \"\"");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":\"../x\",\"id\":\"a\",\"document\":{\"a\":1}}"),
                "space must match [a-z0-9_-]+, received \"../x\"");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":\"s\",\"id\":\"" + "€".repeat(200)
                + "\",\"document\":{\"a\":1}}"), "id must be a string of 1 to 512 bytes");
        assertReason(record(EventTypes.ALERT_CREATED, "{\"space\":\"s\",\"id\":\"a\",\"document\":[]}"),
                "document must be a non-empty object");
    }

    private void assertReason(ConsumerRecord<byte[], byte[]> record, String reason) {
        DeadLetter letter = assertInstanceOf(DeadLetter.class, reader.read(record));
        assertEquals(true, letter.reason().startsWith(reason), letter.reason());
    }

    private static ConsumerRecord<byte[], byte[]> record(String type, String value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("detection.alerts.v1", 0, 0, "a1".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
