package io.opendetection.gateway.routing;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForwardedHeadersTest {

    @Test
    void replacesCredentialsAndDropsConnectionHeadersTowardsAService() {
        MultiMap incoming = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
                .add("Cookie", "sid=1")
                .add("Host", "kibana.example:5601")
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "hop")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("Content-Length", "12")
                .add("Expect", "100-continue")
                .add("kbn-xsrf", "true")
                .add("elastic-api-version", "2023-10-31")
                .add("Content-Type", "application/json")
                .add("X-Forwarded-Proto", "https");

        MultiMap outgoing = ForwardedHeaders.toService(incoming, "t0ken", "10.0.0.7", "http", "kibana.example:5601");

        assertEquals(List.of("Bearer t0ken"), outgoing.getAll("authorization"));
        for (String gone : List.of("cookie", "host", "connection", "x-private", "keep-alive", "transfer-encoding",
                "content-length", "expect")) {
            assertFalse(outgoing.contains(gone), gone);
        }
        assertEquals("true", outgoing.get("kbn-xsrf"));
        assertEquals("2023-10-31", outgoing.get("elastic-api-version"));
        assertEquals("application/json", outgoing.get("content-type"));
        assertEquals("10.0.0.7", outgoing.get("x-forwarded-for"));
        assertEquals(List.of("http"), outgoing.getAll("x-forwarded-proto"));
        assertEquals("kibana.example:5601", outgoing.get("x-forwarded-host"));
    }

    @Test
    void appendsTheCallerToAnExistingForwardedForChain() {
        MultiMap incoming = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "192.0.2.1");

        MultiMap outgoing = ForwardedHeaders.toService(incoming, "t", "10.0.0.7", "https", null);

        assertEquals(List.of("192.0.2.1, 10.0.0.7"), outgoing.getAll("x-forwarded-for"));
        assertNull(outgoing.get("x-forwarded-host"));
    }

    @Test
    void relaysAnAnswerWithoutItsConnectionHeaders() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/ndjson")
                .add("Content-Disposition", "attachment; filename=\"export.ndjson\"")
                .add("Transfer-Encoding", "chunked")
                .add("Connection", "close");
        MultiMap response = MultiMap.caseInsensitiveMultiMap();

        ForwardedHeaders.toCaller(answer, response);

        assertEquals("application/ndjson", response.get("content-type"));
        assertEquals("attachment; filename=\"export.ndjson\"", response.get("content-disposition"));
        assertFalse(response.contains("transfer-encoding"));
        assertFalse(response.contains("connection"));
    }
}
