package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.opendetection.alerts.index.service.AlertsIndexService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes alerts into their space's alerts index with one {@code _bulk} per batch: a new alert with
 * {@code create} under its own id, so a replayed event writes nothing twice (its 409 is success);
 * a suppression update as a partial {@code update} of the existing alert. What Elasticsearch
 * refuses for good comes back as dead letters; what it could not take now (a full queue, a shard
 * not ready) is written again after a pause, for as long as it takes, so the batch is acknowledged
 * only when every event in it is written or dead-lettered.
 */
@ApplicationScoped
public class AlertWriter {
    private static final Logger LOG = Logger.getLogger(AlertWriter.class);
    // Only what BulkOutcome reads comes back: each item's status and error, not its index, id,
    // version, sequence number and shards, which Elasticsearch would otherwise write for every alert.
    private static final Map<String, String> BULK_PARAMETERS = Map.of("require_alias", "true",
            "filter_path", "errors,items.*.status,items.*.error.type,items.*.error.reason");

    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private static final byte[] CREATE_INDEX = utf8("{\"create\":{\"_index\":\"");
    private static final byte[] UPDATE_INDEX = utf8("{\"update\":{\"_index\":\"");
    private static final byte[] ID = utf8("\",\"_id\":\"");
    private static final byte[] CREATE_END = utf8("\"}}\n");
    private static final byte[] UPDATE_END = utf8("\",\"retry_on_conflict\":3}}\n{\"doc\":");
    private static final byte[] NEWLINE = utf8("\n");
    private static final byte[] DOC_END = utf8("}\n");

    @Inject
    ElasticsearchJson elasticsearch;

    @Inject
    AlertsIndexService indices;

    @ConfigProperty(name = "detection.alerts.ingest.max-backoff")
    Duration maxBackoff;

    /** Spaces whose alerts index is known to exist with the current mapping. */
    private final Set<String> readySpaces = ConcurrentHashMap.newKeySet();

    /** Writes every event; the answer is the events Elasticsearch refused for good. */
    Uni<List<DeadLetter>> write(List<AlertWrite> writes) {
        return write(writes, 0);
    }

    private Uni<List<DeadLetter>> write(List<AlertWrite> writes, int attempt) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ensureIndices(writes)
                .chain(() -> elasticsearch.send("POST", "/_bulk", BULK_PARAMETERS, bulkBody(writes)))
                .flatMap(answer -> {
                    if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
                        // The request as a whole was refused: some event in it is at fault, find which.
                        return writes.size() == 1
                                ? Uni.createFrom().item(new BulkOutcome(List.of(new DeadLetter(writes.get(0).record(),
                                        "Elasticsearch refused the alert (" + answer.status() + "): "
                                                + answer.errorType() + ": " + answer.errorReason())), List.of(), Set.of()))
                                : halves(writes, attempt);
                    }
                    if (!answer.ok()) {
                        throw new IllegalStateException("bulk refused (" + answer.status() + "): " + answer.errorReason());
                    }
                    return Uni.createFrom().item(BulkOutcome.of(writes, answer.body()));
                })
                // The cluster cannot be reached or refused the whole request: nothing was written, all again.
                .onFailure().invoke(failure -> LOG.warnf("Writing %d alerts failed, will retry: %s",
                        writes.size(), failure.getMessage()))
                .onFailure().recoverWithItem(failure -> BulkOutcome.allAgain(writes))
                .flatMap(outcome -> {
                    outcome.missingIndexSpaces().forEach(readySpaces::remove);
                    if (outcome.again().isEmpty()) {
                        return Uni.createFrom().item(outcome.refused());
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(attempt))
                            .chain(() -> write(outcome.again(), attempt + 1))
                            .map(later -> concat(outcome.refused(), later));
                });
    }

    /** Writes each half on its own; their refusals are this bulk's. */
    private Uni<BulkOutcome> halves(List<AlertWrite> writes, int attempt) {
        int middle = writes.size() / 2;
        return write(writes.subList(0, middle), attempt)
                .flatMap(first -> write(writes.subList(middle, writes.size()), attempt)
                        .map(second -> new BulkOutcome(concat(first, second), List.of(), Set.of())));
    }

    /** Creates the alerts index of each space seen for the first time, as {@code POST /index} would. */
    private Uni<Void> ensureIndices(List<AlertWrite> writes) {
        Set<String> spaces = new LinkedHashSet<>();
        writes.forEach(write -> spaces.add(write.space()));
        spaces.removeAll(readySpaces);
        if (spaces.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> creations = spaces.stream()
                .map(space -> indices.create(space, AlertsIndexService.SERVICE_USER).invoke(() -> readySpaces.add(space)))
                .toList();
        return Uni.join().all(creations).andCollectFailures().replaceWithVoid();
    }

    /** The bulk body as UTF-8 bytes: each action line, then the document's bytes as the record holds them. */
    private static byte[] bulkBody(List<AlertWrite> writes) {
        int size = 0;
        for (AlertWrite write : writes) {
            size += write.documentLength() + 160;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (AlertWrite write : writes) {
            boolean create = write.kind() == AlertWrite.Kind.CREATE;
            body.writeBytes(create ? CREATE_INDEX : UPDATE_INDEX);
            body.writeBytes(QUOTE.quoteAsUTF8(write.index().alias()));
            body.writeBytes(ID);
            body.writeBytes(QUOTE.quoteAsUTF8(write.id()));
            // Suppression updates set absolute values (counts, end, last seen): applying one twice is harmless.
            body.writeBytes(create ? CREATE_END : UPDATE_END);
            body.write(write.record().value(), write.documentStart(), write.documentLength());
            body.writeBytes(create ? NEWLINE : DOC_END);
        }
        return body.toByteArray();
    }

    private Duration backoff(int attempt) {
        long millis = Math.min(maxBackoff.toMillis(), 250L << Math.min(attempt, 10));
        return Duration.ofMillis(millis);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** What one bulk did to each event: written, refused for good, or to write again. */
    record BulkOutcome(List<DeadLetter> refused, List<AlertWrite> again, Set<String> missingIndexSpaces) {

        static BulkOutcome allAgain(List<AlertWrite> writes) {
            return new BulkOutcome(List.of(), writes, Set.of());
        }

        static BulkOutcome of(List<AlertWrite> writes, JsonNode response) {
            List<DeadLetter> refused = new ArrayList<>();
            List<AlertWrite> again = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>();
            JsonNode items = response.path("items");
            if (response.path("errors").isBoolean() && !response.get("errors").booleanValue() && items.size() == writes.size()) {
                return new BulkOutcome(refused, again, missing); // every alert written
            }
            for (int i = 0; i < writes.size(); i++) {
                AlertWrite write = writes.get(i);
                JsonNode item = items.path(i).elements().hasNext() ? items.path(i).elements().next() : null;
                if (item == null) {
                    again.add(write);
                    continue;
                }
                int status = item.path("status").asInt();
                String type = item.path("error").path("type").asText("");
                if (status < 300 || (write.kind() == AlertWrite.Kind.CREATE && status == 409)) {
                    continue; // written now, or by an earlier delivery of the same event
                }
                if ("index_not_found_exception".equals(type)) {
                    // The index was deleted since we created it: create it again, then write.
                    missing.add(write.space());
                    again.add(write);
                } else if (status == 429 || status >= 500) {
                    again.add(write);
                } else {
                    refused.add(new DeadLetter(write.record(), "Elasticsearch refused the alert (" + status + "): "
                            + type + ": " + item.path("error").path("reason").asText("")));
                }
            }
            return new BulkOutcome(refused, again, missing);
        }
    }
}
