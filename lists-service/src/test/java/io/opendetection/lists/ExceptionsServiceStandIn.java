package io.opendetection.lists;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for exceptions-service's {@code /internal/value-lists/{id}/references}: a value list
 * named {@code referenced-...} is named by one exception item until its references are removed
 * ({@code DELETE}); one named {@code failing-...} gets a 500; any other is named by none. The
 * calls it received are listed at {@code GET /calls}, one {@code METHOD path} per line.
 */
public class ExceptionsServiceStandIn implements QuarkusTestResourceLifecycleManager {
    static final String REFERENCED = "referenced-";
    static final String FAILING = "failing-";
    private static final String PREFIX = "/internal/value-lists/";
    private static final String SUFFIX = "/references";
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private HttpServer server;

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
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            int status;
            String body;
            if (path.equals("/calls")) {
                status = 200;
                body = String.join("\n", calls);
            } else if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                status = 401;
                body = "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}";
            } else if (path.startsWith(PREFIX) && path.endsWith(SUFFIX)) {
                calls.add(method + " " + path);
                String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
                if (id.startsWith(FAILING)) {
                    status = 500;
                    body = "{\"message\":\"An internal server error occurred\",\"status_code\":500}";
                } else if (method.equals("DELETE")) {
                    removed.add(id);
                    status = 200;
                    body = "{\"updated_items\":0,\"deleted_items\":" + (id.startsWith(REFERENCED) ? 1 : 0) + "}";
                } else {
                    status = 200;
                    body = id.startsWith(REFERENCED) && !removed.contains(id) ? "[" + reference(id) + "]" : "[]";
                }
            } else {
                status = 404;
                body = "{\"message\":\"Not Found\",\"status_code\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("EXCEPTIONS_SERVICE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
