package io.opendetection.rules.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.calls.Backend;
import io.opendetection.common.calls.ServiceCalls;
import io.opendetection.common.calls.ServiceResponse;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Exception lists are exceptions-service's: rule routes that export, import, duplicate or add to
 * them call its public API on the caller's behalf.
 */
@ApplicationScoped
public class ExceptionListsClient {
    @Inject
    ServiceCalls calls;

    @Inject
    ObjectMapper json;

    /** A list's export: its lines (list first, then items) without the exporter's summary; null when the list is gone. */
    public Uni<List<JsonNode>> export(JsonNode reference) {
        String query = "?id=" + encode(reference.path("id").asText()) + "&list_id=" + encode(reference.path("list_id").asText())
                + "&namespace_type=" + encode(reference.path("namespace_type").asText("single"))
                + "&include_expired_exceptions=true";
        return calls.call(Backend.EXCEPTIONS, HttpMethod.POST, "/api/exception_lists/_export" + query, null, null)
                .map(response -> {
                    // exceptions-service answers a missing list's export with Kibana's 400 (BEHAVIOURS #131);
                    // for a rule's export that list is missing, reported in the summary, not a failure.
                    if (response.status() == 404 || response.status() == 400) {
                        return null;
                    }
                    List<JsonNode> lines = new ArrayList<>();
                    for (String line : ok(response).body().toString(StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            JsonNode parsed = read(line);
                            if (!parsed.has("exported_exception_list_count")) {
                                lines.add(parsed);
                            }
                        }
                    }
                    return lines;
                });
    }

    /** Imports an NDJSON file of exception lists and items, sent as the multipart upload the route takes. */
    public Uni<JsonNode> importFile(Path ndjson, boolean overwrite, boolean asNewList) {
        String boundary = "----rule-service-" + UUID.randomUUID();
        Buffer body = Buffer.buffer()
                .appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"file\"; filename=\"exceptions.ndjson\"\r\n")
                .appendString("Content-Type: application/ndjson\r\n\r\n")
                .appendBytes(readAll(ndjson))
                .appendString("\r\n--" + boundary + "--\r\n");
        return calls.call(Backend.EXCEPTIONS, HttpMethod.POST, "/api/exception_lists/_import?overwrite=" + overwrite
                        + "&as_new_list=" + asNewList, body, "multipart/form-data; boundary=" + boundary)
                .map(response -> ok(response).json());
    }

    /** A copy of the list (and its items) under a new list_id. */
    public Uni<JsonNode> duplicate(JsonNode reference, boolean includeExpired) {
        return calls.call(Backend.EXCEPTIONS, HttpMethod.POST, "/api/exception_lists/_duplicate?list_id="
                        + encode(reference.path("list_id").asText()) + "&namespace_type="
                        + encode(reference.path("namespace_type").asText("single"))
                        + "&include_expired_exceptions=" + includeExpired, null, null)
                .map(response -> ok(response).json());
    }

    public Uni<JsonNode> createList(ObjectNode list) {
        return calls.postJson(Backend.EXCEPTIONS, "/api/exception_lists", Buffer.buffer(list.toString()))
                .map(response -> ok(response).json());
    }

    public Uni<JsonNode> createItem(ObjectNode item) {
        return calls.postJson(Backend.EXCEPTIONS, "/api/exception_lists/items", Buffer.buffer(item.toString()))
                .map(response -> ok(response).json());
    }

    public Uni<Void> deleteList(String id, String namespaceType) {
        return calls.call(Backend.EXCEPTIONS, HttpMethod.DELETE, "/api/exception_lists?id=" + encode(id)
                + "&namespace_type=" + encode(namespaceType), null, null).replaceWithVoid();
    }

    /** An answer other than 2xx is passed on to our caller as exceptions-service gave it. */
    private ServiceResponse ok(ServiceResponse response) {
        if (response.ok()) {
            return response;
        }
        JsonNode body;
        try {
            body = response.json();
        } catch (UncheckedIOException e) {
            body = null;
        }
        String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                : "exceptions-service answered " + response.status();
        throw ApiException.siem(response.status() >= 500 ? 500 : response.status(), message);
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("exceptions-service exported a line that is not JSON", e);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
