package io.opendetection.lists;

import com.sun.net.httpserver.HttpExchange;
import io.opendetection.testkit.StandInService;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for exceptions-service's {@code /internal/value-lists/{id}/references}: a value list
 * named {@code referenced-...} is named by one exception item until its references are removed
 * ({@code DELETE}); one named {@code failing-...} gets a 500; any other is named by none. The
 * calls it received are listed at {@code GET /calls}, one {@code METHOD path} per line.
 */
public class ExceptionsServiceStandIn extends StandInService {
    static final String REFERENCED = "referenced-";
    static final String FAILING = "failing-";
    private static final String PREFIX = "/internal/value-lists/";
    private static final String SUFFIX = "/references";
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();

    /** The one reference of {@code valueListId}, as exceptions-service words it. */
    static String reference(String valueListId) {
        return """
                {"exception_item":{"id":"5f2e8a52-1c2b-4ad4-9d52-0b1f4a1c7e11","item_id":"spare-scanner",
                  "list_id":"scanners","namespace_type":"single","name":"Spare scanner","description":"d","type":"simple",
                  "entries":[{"field":"source.ip","list":{"id":"%s","type":"ip"},"operator":"excluded","type":"list"}]},
                 "exception_list":{"id":"0c9d0f36-7c1f-4c55-a2b1-4f4a86a0e6c2","list_id":"scanners",
                  "namespace_type":"single","name":"Scanners","description":"d","type":"detection"}}"""
                .formatted(valueListId);
    }

    /** The calls the stand-in received so far, as {@code METHOD path}. */
    static List<String> calls() {
        String url = ConfigProvider.getConfig().getValue("EXCEPTIONS_SERVICE_URL", String.class);
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/calls")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.isEmpty() ? List.of() : List.of(body.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String urlProperty() {
        return "EXCEPTIONS_SERVICE_URL";
    }

    @Override
    protected Answer answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/calls")) {
            return new Answer(200, String.join("\n", calls));
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            return new Answer(401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}");
        }
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return new Answer(404, "{\"message\":\"Not Found\",\"status_code\":404}");
        }
        calls.add(method + " " + path);
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (id.startsWith(FAILING)) {
            return new Answer(500, "{\"message\":\"An internal server error occurred\",\"status_code\":500}");
        }
        if (method.equals("DELETE")) {
            removed.add(id);
            return new Answer(200, "{\"updated_items\":0,\"deleted_items\":" + (id.startsWith(REFERENCED) ? 1 : 0) + "}");
        }
        return new Answer(200, id.startsWith(REFERENCED) && !removed.contains(id) ? "[" + reference(id) + "]" : "[]");
    }
}
