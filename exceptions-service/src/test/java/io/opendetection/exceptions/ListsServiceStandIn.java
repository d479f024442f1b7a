package io.opendetection.exceptions;

import com.sun.net.httpserver.HttpExchange;
import io.opendetection.testkit.StandInService;

import java.util.Set;

/**
 * A stand-in for lists-service's {@code GET /internal/value-lists/{id}}: the value lists
 * {@link #EXISTING} exist (200 with the list), and those named {@link #TEST_OWN_PREFIX}..., so a
 * test can use value lists no other test refers to; every other id does not (404).
 */
public class ListsServiceStandIn extends StandInService {
    static final Set<String> EXISTING = Set.of("scanner-ips", "build-hosts");
    static final String TEST_OWN_PREFIX = "own-";
    private static final String PREFIX = "/internal/value-lists/";

    @Override
    protected String urlProperty() {
        return "LISTS_SERVICE_URL";
    }

    @Override
    protected Answer answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String id = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
        boolean authorised = exchange.getRequestHeaders().getFirst("Authorization") != null;
        boolean exists = id != null && (EXISTING.contains(id) || id.startsWith(TEST_OWN_PREFIX));
        int status = !authorised ? 401 : exists ? 200 : 404;
        return new Answer(status, status == 200 ? "{\"id\":\"" + id + "\",\"type\":\"ip\"}"
                : "{\"message\":\"list id: \\\"" + id + "\\\" does not exist\",\"status_code\":" + status + "}");
    }
}
