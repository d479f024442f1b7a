package io.opendetection.alerts.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends the records that can never be written to the dead-letter topic, as they came (key, value,
 * CloudEvents headers) plus where they came from and why, in the headers SmallRye's own
 * dead-letter strategy uses, so one tool reads both.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("alerts-dead-letters")
    MutinyEmitter<Record<String, String>> emitter;

    Uni<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(letters.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(DeadLetter letter) {
        LOG.warnf("Alert event %s-%d@%d goes to the dead-letter topic: %s", letter.record().topic(),
                letter.record().partition(), letter.record().offset(), letter.reason());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            headers.add(header);
        }
        header(headers, "dead-letter-reason", letter.reason());
        header(headers, "dead-letter-topic", letter.record().topic());
        header(headers, "dead-letter-partition", String.valueOf(letter.record().partition()));
        header(headers, "dead-letter-offset", String.valueOf(letter.record().offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(letter.record().key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(Record.of(letter.record().key(), letter.record().value()))
                .addMetadata(metadata));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
