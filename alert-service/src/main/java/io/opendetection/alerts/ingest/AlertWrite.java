package io.opendetection.alerts.ingest;

import io.opendetection.alerts.index.service.AlertsIndexName;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One event of {@code detection.alerts.v1}, read and ready to write: a new alert, or the fields a
 * suppression update sets on an existing one. The document, a non-empty JSON object, is the
 * {@code documentLength} bytes of the record's value from {@code documentStart}.
 */
record AlertWrite(ConsumerRecord<byte[], byte[]> record, Kind kind, String space, String id, int documentStart,
                  int documentLength) implements EventRead {

    enum Kind { CREATE, SUPPRESSION_UPDATE }

    AlertsIndexName index() {
        return new AlertsIndexName(space);
    }
}
