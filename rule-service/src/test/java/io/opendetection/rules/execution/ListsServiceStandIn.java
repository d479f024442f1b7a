package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ExecutorToken;
import io.opendetection.testkit.StandInService;

import java.io.IOException;
import java.util.Base64;

/**
 * A stand-in for lists-service's {@code GET /internal/value-lists/{id}/values}: the ip list
 * {@code bad-ips} holds {@code 10.9.9.9} and {@code 10.1.0.0/16}; any other list does not exist.
 * It answers only the executor's token (by its claims: lists-service's own tests check the
 * signature), so a run that called with anything else would find no list.
 */
public class ListsServiceStandIn extends StandInService {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected String urlProperty() {
        return "LISTS_SERVICE_URL";
    }

    @Override
    protected Answer answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (!fromTheExecutor(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Unauthorized\"}");
        }
        if (path.equals("/internal/value-lists/bad-ips/values")) {
            return new Answer(200, "{\"type\":\"ip\",\"values\":[\"10.9.9.9\",\"10.1.0.0/16\"],\"complete\":true}");
        }
        String id = path.replace("/internal/value-lists/", "").replace("/values", "");
        return new Answer(404, "{\"message\":\"list id: \\\"" + id + "\\\" does not exist\",\"status_code\":404}");
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
}
