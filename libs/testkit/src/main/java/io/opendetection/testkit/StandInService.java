package io.opendetection.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for ANOTHER service's internal API in a service's own tests (the real one is met in
 * e2e): an HTTP server on a free loopback port, whose URL is given to the service under test as
 * {@link #urlProperty()}. Subclasses answer each request with a status and a JSON body.
 */
public abstract class StandInService implements QuarkusTestResourceLifecycleManager {
    /** One answer: its status and JSON body (empty for none). */
    public record Answer(int status, String json) {
    }

    private HttpServer server;

    /** The configuration property that points the service under test at this stand-in, e.g. {@code LISTS_SERVICE_URL}. */
    protected abstract String urlProperty();

    protected abstract Answer answer(HttpExchange exchange) throws IOException;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Answer answer = answer(exchange);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of(urlProperty(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
