package io.opendetection.alerts.ingest;

import io.opendetection.alerts.index.service.AlertsIndexName;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One event of {@code detection.alerts.v1}, read and ready to write: a new alert, or the fields a
 * suppression update sets on an existing one. {@code document} is the JSON text of a non-empty object.
 */
record AlertWrite(ConsumerRecord<String, String> record, Kind kind, String space, String id, String document)
        implements EventRead {

    enum Kind { CREATE, SUPPRESSION_UPDATE }

    AlertsIndexName index() {
        return new AlertsIndexName(space);
    }
}
