package io.opendetection.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.http.JsonBody;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.security.apikey.ApiKeyRoutes;
import io.opendetection.gateway.security.role.RoleRoutes;
import io.opendetection.gateway.security.user.UserRoutes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The security API the gateway serves itself under {@code /api/security/}: roles, users and API
 * keys. Space prefixes are accepted and ignored: roles, users and keys belong to no space.
 */
@ApplicationScoped
public class SecurityRoutes {
    public static final String PREFIX = "/api/security/";
    private static final String ROLE = PREFIX + "role";
    private static final String USERS = PREFIX + "users";
    private static final String API_KEY = PREFIX + "api_key";

    private final RoleRoutes roles;
    private final UserRoutes users;
    private final ApiKeyRoutes apiKeys;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    @Inject
    SecurityRoutes(RoleRoutes roles, UserRoutes users, ApiKeyRoutes apiKeys, ObjectMapper json, GatewayConfig config) {
        this.roles = roles;
        this.users = users;
        this.apiKeys = apiKeys;
        this.json = json;
        this.maxBodyBytes = config.limits().maxBodyBytes();
    }

    public static boolean owns(String apiPath) {
        return apiPath.startsWith(PREFIX);
    }

    /** The answer, or a failure with a {@link Rejection} (404 for a route that does not exist). */
    public Uni<Reply> handle(RoutingContext ctx, Identity caller, String apiPath) {
        HttpMethod method = ctx.request().method();
        if (apiPath.equals(ROLE) && method == HttpMethod.GET) {
            return roles.list(caller);
        }
        if (apiPath.equals(USERS) && method == HttpMethod.GET) {
            return users.list(caller);
        }
        String role = below(apiPath, ROLE);
        if (role != null) {
            return switch (method.name()) {
                case "GET" -> roles.get(caller, role);
                case "PUT" -> withBody(ctx, body -> roles.put(caller, role, body));
                case "DELETE" -> roles.delete(caller, role);
                default -> notFound();
            };
        }
        String username = below(apiPath, USERS);
        if (username != null) {
            return switch (method.name()) {
                case "GET" -> users.get(caller, username);
                case "PUT" -> withBody(ctx, body -> users.put(caller, username, body));
                case "DELETE" -> users.delete(caller, username);
                default -> notFound();
            };
        }
        if (apiPath.equals(API_KEY)) {
            return switch (method.name()) {
                case "POST" -> withBody(ctx, body -> apiKeys.create(caller, body));
                case "GET" -> apiKeys.list(caller, ctx.request().getParam("id"), ctx.request().getParam("name"),
                        ctx.request().getParam("username"), "true".equals(ctx.request().getParam("owner")));
                case "DELETE" -> withBody(ctx, body -> apiKeys.invalidate(caller, body));
                default -> notFound();
            };
        }
        return notFound();
    }

    private Uni<Reply> withBody(RoutingContext ctx, Function<JsonNode, Uni<Reply>> route) {
        return JsonBody.read(ctx.request(), maxBodyBytes, json).flatMap(route::apply);
    }

    /** The one path segment below a collection, decoded; null when the path is not that. */
    private static String below(String apiPath, String collection) {
        if (!apiPath.startsWith(collection + "/")) {
            return null;
        }
        String segment = apiPath.substring(collection.length() + 1);
        if (segment.isEmpty() || segment.contains("/")) {
            return null;
        }
        // a path keeps "+" literal; only percent-escapes are decoded
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Uni<Reply> notFound() {
        return Uni.createFrom().failure(Rejection.notFound());
    }
}
