package io.opendetection.rules.execution.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;

/**
 * The executors' searches, sent to Elasticsearch as {@code _msearch} requests of many searches:
 * with many small rules, one HTTP exchange (and one pass of the cluster's request handling) per
 * search is most of what a run costs. Batching is natural, never timed: a search goes out at once
 * when fewer than {@code maxInFlight} batches are being answered, and otherwise waits for the next
 * batch, with the searches that arrive meanwhile. So a quiet executor adds no latency, and a busy
 * one sends fewer, larger requests.
 */
public final class SearchBatches {
    /** One search of a batch: its {@code _msearch} header and body, and who waits for its answer. */
    record Pending(JsonNode header, JsonNode body, UniEmitter<? super JsonNode> answer) {
    }

    private final int maxPerBatch;
    private final int maxInFlight;
    private final Function<String, Uni<JsonNode>> msearch;
    private final Function<JsonNode, SearchFailure> itemFailure;
    private final Queue<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param msearch     sends an NDJSON {@code _msearch} body and answers Elasticsearch's response
     * @param itemFailure turns one item's {@code error} object (with its {@code status}) into the failure its caller gets
     */
    public SearchBatches(int maxPerBatch, int maxInFlight, Function<String, Uni<JsonNode>> msearch,
                         Function<JsonNode, SearchFailure> itemFailure) {
        this.maxPerBatch = maxPerBatch;
        this.maxInFlight = maxInFlight;
        this.msearch = msearch;
        this.itemFailure = itemFailure;
    }

    public Uni<JsonNode> search(JsonNode header, JsonNode body) {
        return Uni.createFrom().emitter(answer -> {
            List<Pending> batch;
            synchronized (this) {
                waiting.add(new Pending(header, body, answer));
                batch = nextBatch();
            }
            if (batch != null) {
                send(batch);
            }
        });
    }

    /** Under the lock: the next batch to send, if a slot is free and searches wait. */
    private List<Pending> nextBatch() {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
            return null;
        }
        inFlight++;
        List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxPerBatch));
        while (!waiting.isEmpty() && batch.size() < maxPerBatch) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        StringBuilder ndjson = new StringBuilder();
        for (Pending search : batch) {
            ndjson.append(search.header()).append('\n').append(search.body()).append('\n');
        }
        Uni<JsonNode> answer;
        try {
            answer = msearch.apply(ndjson.toString());
        } catch (RuntimeException e) {
            answer = Uni.createFrom().failure(e);
        }
        answer.subscribe().with(response -> {
            answerEach(batch, response);
            sent();
        }, failure -> {
            batch.forEach(search -> search.answer().fail(failure));
            sent();
        });
    }

    private void answerEach(List<Pending> batch, JsonNode response) {
        JsonNode items = response.path("responses");
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item = items.path(i);
            UniEmitter<? super JsonNode> answer = batch.get(i).answer();
            if (item.isMissingNode()) {
                answer.fail(new SearchFailure(0, "Elasticsearch's _msearch answer has no response for search " + i, null));
            } else if (item.has("error")) {
                answer.fail(itemFailure.apply(item));
            } else {
                answer.complete(item);
            }
        }
    }

    private void sent() {
        List<Pending> next;
        synchronized (this) {
            inFlight--;
            next = nextBatch();
        }
        if (next != null) {
            send(next);
        }
    }
}
