package io.opendetection.alerts.ingest;

import io.opendetection.common.events.DeadLetterRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Sends the records that can never be written to the dead-letter topic ({@link DeadLetterRecord}).
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("alerts-dead-letters")
    MutinyEmitter<Record<byte[], byte[]>> emitter;

    Uni<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(letters.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(DeadLetter letter) {
        LOG.warnf("Alert event %s-%d@%d goes to the dead-letter topic: %s", letter.record().topic(),
                letter.record().partition(), letter.record().offset(), letter.reason());
        return emitter.sendMessage(DeadLetterRecord.of(letter.record(), letter.reason()));
    }
}
