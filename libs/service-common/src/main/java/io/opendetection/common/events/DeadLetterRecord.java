package io.opendetection.common.events;

import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * A consumed record that can never be applied, as it goes to a dead-letter topic: as it came (key,
 * value, CloudEvents headers) plus where it came from and why, in the headers SmallRye's own
 * dead-letter strategy uses, so one tool reads both. For consumers that take records in batches and
 * must send one bad record aside without failing the batch.
 */
public final class DeadLetterRecord {
    private DeadLetterRecord() {
    }

    public static <K, V> Message<Record<K, V>> of(ConsumerRecord<K, V> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, "dead-letter-reason", reason);
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", String.valueOf(record.partition()));
        header(headers, "dead-letter-offset", String.valueOf(record.offset()));
        OutgoingKafkaRecordMetadata<K> metadata = OutgoingKafkaRecordMetadata.<K>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return Message.of(Record.of(record.key(), record.value())).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
