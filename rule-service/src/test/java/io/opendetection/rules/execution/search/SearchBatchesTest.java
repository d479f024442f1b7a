package io.opendetection.rules.execution.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class SearchBatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** _msearch requests sent, each answered when the test completes its future. */
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
    private final SearchBatches batches = new SearchBatches(3, 1, ndjson -> {
        sent.add(ndjson);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.add(answer);
        return Uni.createFrom().completionStage(answer);
    }, item -> new SearchFailure(item.path("status").asInt(), item.path("error").path("type").asText(), null));

    private UniAssertSubscriber<JsonNode> search(String index) {
        return batches.search(JSON.createObjectNode().put("index", index), JSON.createObjectNode().put("size", 0))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aSearchGoesOutAtOnceAndTheOnesArrivingMeanwhileGoTogetherAfter() throws Exception {
        UniAssertSubscriber<JsonNode> first = search("a");
        assertEquals(List.of("{\"index\":\"a\"}\n{\"size\":0}\n"), sent);

        UniAssertSubscriber<JsonNode> second = search("b");
        UniAssertSubscriber<JsonNode> third = search("c");
        UniAssertSubscriber<JsonNode> fourth = search("d");
        UniAssertSubscriber<JsonNode> fifth = search("e");
        assertEquals(1, sent.size(), "one batch in flight at most");

        answers.get(0).complete(json("{\"responses\":[{\"hits\":{\"hits\":[]},\"status\":200}]}"));
        first.assertCompleted();
        assertEquals(json("{\"hits\":{\"hits\":[]},\"status\":200}"), first.getItem());
        assertEquals("{\"index\":\"b\"}\n{\"size\":0}\n{\"index\":\"c\"}\n{\"size\":0}\n{\"index\":\"d\"}\n{\"size\":0}\n",
                sent.get(1), "the waiting searches, at most three, as one _msearch");

        answers.get(1).complete(json("""
                {"responses":[{"took":1,"status":200},
                              {"error":{"type":"query_shard_exception","reason":"bad"},"status":400},
                              {"took":3,"status":200}]}"""));
        second.assertCompleted();
        assertEquals(1, second.getItem().path("took").asInt());
        SearchFailure failure = assertInstanceOf(SearchFailure.class, third.assertFailed().getFailure());
        assertEquals(400, failure.status());
        assertEquals("query_shard_exception", failure.getMessage());
        assertEquals(3, fourth.getItem().path("took").asInt());
        assertEquals("{\"index\":\"e\"}\n{\"size\":0}\n", sent.get(2));
        fifth.assertNotTerminated();
    }

    @Test
    void aFailedRequestFailsEverySearchInItAndTheNextBatchStillGoes() {
        UniAssertSubscriber<JsonNode> first = search("a");
        UniAssertSubscriber<JsonNode> second = search("b");
        answers.get(0).completeExceptionally(new SearchFailure(0, "connection refused", null));
        first.assertFailed();
        assertEquals(2, sent.size());

        answers.get(1).completeExceptionally(new SearchFailure(503, "unavailable", null));
        assertEquals(503, assertInstanceOf(SearchFailure.class, second.assertFailed().getFailure()).status());
        search("c");
        assertEquals(3, sent.size(), "a failure frees its slot");
    }
}
