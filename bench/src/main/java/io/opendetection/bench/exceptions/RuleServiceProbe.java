package io.opendetection.bench.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.CallerTokenSigner;
import io.opendetection.devstack.ServiceSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Looks into rule-service's projection of exceptions ({@code GET /internal/exception-lists/{id}},
 * not routed by the gateway) with a caller token signed as the gateway signs it. Where: the
 * system the benchmark started, or {@code BENCH_RULE_SERVICE_URL} with {@code BENCH_SIGNING_KEY}
 * (the gateway's private key file) for a running one.
 */
final class RuleServiceProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final Path signingKey;

    private RuleServiceProbe(String baseUrl, Path signingKey) {
        this.baseUrl = baseUrl;
        this.signingKey = signingKey;
    }

    static RuleServiceProbe of(BenchSystem system) {
        String url = system.serviceUrl(ServiceSpec.RULES).orElseThrow(() -> new IllegalStateException(
                "set BENCH_RULE_SERVICE_URL to measure a running system"));
        Path key = system.signingKey().orElseThrow(() -> new IllegalStateException(
                "set BENCH_SIGNING_KEY (the gateway's private key file) to measure a running system"));
        return new RuleServiceProbe(url, key);
    }

    /** The number of items rule-service holds for the list, or -1 while it does not know the list. */
    int itemCount(String listUuid) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/exception-lists/" + listUuid))
                .header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return -1;
            }
            JsonNode view = JSON.readTree(response.body());
            return view.get("items").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A caller token for the administrator in the default space, as the gateway signs one. */
    private String token() {
        try {
            return CallerTokenSigner.token(signingKey, "elastic", "default", 60);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a caller token with " + signingKey, e);
        }
    }
}
