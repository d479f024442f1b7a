package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ExecutorToken;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A stand-in for lists-service's {@code GET /internal/value-lists/{id}/values}: the ip list
 * {@code bad-ips} holds {@code 10.9.9.9} and {@code 10.1.0.0/16}; any other list does not exist.
 * It answers only the executor's token (by its claims: lists-service's own tests check the
 * signature), so a run that called with anything else would find no list.
 */
public class ListsServiceStandIn implements QuarkusTestResourceLifecycleManager {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            int status;
            String body;
            if (!fromTheExecutor(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}";
            } else if (path.equals("/internal/value-lists/bad-ips/values")) {
                status = 200;
                body = "{\"type\":\"ip\",\"values\":[\"10.9.9.9\",\"10.1.0.0/16\"],\"complete\":true}";
            } else {
                String id = path.replace("/internal/value-lists/", "").replace("/values", "");
                status = 404;
                body = "{\"message\":\"list id: \\\"" + id + "\\\" does not exist\",\"status_code\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("LISTS_SERVICE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static boolean fromTheExecutor(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return ExecutorToken.ISSUER.equals(claims.path("iss").asText())
                    && !claims.path(CallerToken.SPACE_CLAIM).asText().isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
