package io.opendetection.common.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.opendetection.common.errors.ApiException;
import io.opendetection.contracts.errors.SiemError;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ElasticsearchRequestsTest {

    @Test
    void anUnreachableClusterIsA503() {
        ApiException failure = assertThrows(ApiException.class, () -> ElasticsearchRequests
                .send(() -> CompletableFuture.failedFuture(new ConnectException("Connection refused")))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(503, failure.status());
        assertEquals(new SiemError("Elasticsearch is unavailable, try again later", 503), failure.body());
    }

    @Test
    void aClusterThatCannotServeIsA503() {
        ApiException failure = assertThrows(ApiException.class, () -> ElasticsearchRequests
                .send(() -> CompletableFuture.failedFuture(error(503, "master_not_discovered_exception")))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(503, failure.status());
    }

    @Test
    void otherFailuresPassThrough() {
        ElasticsearchException refused = error(400, "illegal_argument_exception");
        ElasticsearchException failure = assertThrows(ElasticsearchException.class, () -> ElasticsearchRequests
                .send(() -> CompletableFuture.failedFuture(refused))
                .await().atMost(Duration.ofSeconds(5)));
        assertSame(refused, failure);
    }

    private static ElasticsearchException error(int status, String type) {
        return new ElasticsearchException("test", ErrorResponse.of(response -> response
                .status(status)
                .error(cause -> cause.type(type).reason(type))));
    }
}
