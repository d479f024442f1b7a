package io.opendetection.alerts.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that can never be written, and why: it goes to the dead-letter topic as it came. */
record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) implements EventRead {
}
