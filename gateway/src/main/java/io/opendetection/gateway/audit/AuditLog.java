package io.opendetection.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.identity.Identity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One JSON record per mutation (any method but GET, HEAD, OPTIONS) and per denied request (401, 403,
 * 429), on the logger category {@code io.opendetection.gateway.audit} and on Kafka's
 * {@code detection.audit.v1}: who, what, when, from where, outcome. Never a password, a key or a token: for a refused login, only the user name or API key
 * id the caller claimed; the path without its query string.
 */
@ApplicationScoped
public class AuditLog {
    /** Where a request's identity waits for its audit record. */
    public static final String IDENTITY = "gateway.identity";
    private static final Logger LOG = Logger.getLogger("io.opendetection.gateway.audit");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<Integer> DENIED = Set.of(401, 403, 429);

    private final ObjectMapper json;
    private final AuditTopic topic;

    @Inject
    AuditLog(ObjectMapper json, AuditTopic topic) {
        this.json = json;
        this.topic = topic;
    }

    /** Records the request once its answer has gone, if it is one the audit keeps. */
    public void watch(RoutingContext ctx) {
        ctx.addEndHandler(ended -> record(ctx, ended.succeeded()));
    }

    private void record(RoutingContext ctx, boolean completed) {
        HttpServerRequest request = ctx.request();
        int status = ctx.response().getStatusCode();
        boolean denied = DENIED.contains(status);
        if (!denied && READS.contains(request.method())) {
            return;
        }
        Identity identity = ctx.get(IDENTITY);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("@timestamp", Instant.now().toString());
        entry.put("event", denied ? "access_denied" : "mutation");
        if (identity != null) {
            entry.put("user", identity.username());
            entry.put("authentication", identity.authenticationType().name().toLowerCase());
            if (identity.apiKey() != null) {
                entry.put("api_key_id", identity.apiKey().id());
                entry.put("api_key_name", identity.apiKey().name());
            }
        } else {
            claimed(request.getHeader(HttpHeaders.AUTHORIZATION), entry);
        }
        entry.put("method", request.method().name());
        entry.put("path", request.path());
        entry.put("status", status);
        entry.put("outcome", denied ? "denied" : !completed ? "aborted" : status < 400 ? "success" : "failure");
        entry.put("client_ip", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor != null) {
            entry.put("forwarded_for", forwardedFor);
        }
        String record;
        try {
            record = json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.info(record);
        Object who = entry.getOrDefault("user", entry.getOrDefault("claimed_user", entry.get("claimed_api_key_id")));
        topic.publish(who == null ? null : who.toString(), record);
    }

    /** Who a refused caller said they were: the Basic user name or the API key id, nothing secret. */
    private static void claimed(String authorization, Map<String, Object> entry) {
        if (authorization == null) {
            return;
        }
        String[] parts = authorization.strip().split(" ", 2);
        if (parts.length < 2) {
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return;
        }
        if (parts[0].equalsIgnoreCase("Basic")) {
            entry.put("claimed_user", decoded.substring(0, colon));
        } else if (parts[0].equalsIgnoreCase("ApiKey")) {
            entry.put("claimed_api_key_id", decoded.substring(0, colon));
        }
    }
}
