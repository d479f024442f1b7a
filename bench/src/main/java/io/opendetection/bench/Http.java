package io.opendetection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' plain HTTP calls outside the gateway (to Elasticsearch, to load or read data
 * directly): JSON in, JSON out, any status from 300 up a failure that says what answered what.
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {
    }

    public static JsonNode post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static JsonNode put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An Elasticsearch {@code _bulk} body; any item refused fails the call. */
    public static JsonNode bulk(String url, String ndjson) {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8)));
        if (answer.path("errors").asBoolean()) {
            throw new IllegalStateException("bulk errors: " + answer.toString().substring(0, 500));
        }
        return answer;
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            if (built.headers().firstValue("Content-Type").isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).header("Content-Type", "application/json").build();
            }
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(built.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A gateway answer that must be 200. */
    public static void ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    public static JsonNode parse(String json) {
        try {
            return json.isEmpty() ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
