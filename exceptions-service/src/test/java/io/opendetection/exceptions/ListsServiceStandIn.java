package io.opendetection.exceptions;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for lists-service's {@code GET /internal/value-lists/{id}}: the value lists
 * {@link #EXISTING} exist (200 with the list), and those named {@link #TEST_OWN_PREFIX}..., so a
 * test can use value lists no other test refers to; every other id does not (404).
 */
public class ListsServiceStandIn implements QuarkusTestResourceLifecycleManager {
    static final Set<String> EXISTING = Set.of("scanner-ips", "build-hosts");
    static final String TEST_OWN_PREFIX = "own-";
    private static final String PREFIX = "/internal/value-lists/";
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String id = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
            boolean authorised = exchange.getRequestHeaders().getFirst("Authorization") != null;
            boolean exists = id != null && (EXISTING.contains(id) || id.startsWith(TEST_OWN_PREFIX));
            int status = !authorised ? 401 : exists ? 200 : 404;
            byte[] body = (status == 200 ? "{\"id\":\"" + id + "\",\"type\":\"ip\"}"
                    : "{\"message\":\"list id: \\\"" + id + "\\\" does not exist\",\"status_code\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("LISTS_SERVICE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
