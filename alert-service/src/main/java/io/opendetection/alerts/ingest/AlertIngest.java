package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the alerts the rule executors publish on {@code detection.alerts.v1} into Elasticsearch,
 * a polled batch at a time. The batch is acknowledged when the returned Uni completes, that is
 * once Elasticsearch has acknowledged every alert of it (or the dead-letter topic has taken those
 * it never will), and only then is its offset committed (commit strategy {@code latest}). A crash
 * before that replays the batch: the alerts' deterministic ids make the replay write nothing twice.
 */
@ApplicationScoped
public class AlertIngest {
    @Inject
    ObjectMapper json;

    @Inject
    AlertWriter writer;

    @Inject
    DeadLetters deadLetters;

    @Inject
    AlertsRefresh refresh;

    private AlertEventReader reader;

    @PostConstruct
    void init() {
        reader = new AlertEventReader(json);
    }

    @Incoming("alerts")
    public Uni<Void> ingest(ConsumerRecords<byte[], byte[]> records) {
        List<AlertWrite> writes = new ArrayList<>(records.count());
        List<DeadLetter> unreadable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            EventRead read = reader.read(record);
            if (read instanceof AlertWrite write) {
                writes.add(write);
            } else {
                unreadable.add((DeadLetter) read);
            }
        }
        refresh.batchStarted();
        return writer.write(writes)
                .flatMap(refused -> {
                    List<DeadLetter> letters = new ArrayList<>(unreadable);
                    letters.addAll(refused);
                    return deadLetters.send(letters);
                })
                .onTermination().invoke((done, failure, cancelled) -> refresh.batchEnded(failure == null && !cancelled
                        ? writes.stream().map(write -> write.index().alias()).collect(Collectors.toSet())
                        : Set.of()));
    }
}
