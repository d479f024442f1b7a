package io.opendetection.gateway.security.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.identity.PasswordHashing;
import io.opendetection.gateway.identity.UserProfile;
import io.opendetection.gateway.identity.UserStore;
import io.opendetection.gateway.security.BodyFields;
import io.opendetection.gateway.security.Reply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.opendetection.gateway.security.BodyFields.BODY;
import static io.opendetection.gateway.security.ClusterPrivilegeCheck.MANAGE_SECURITY;
import static io.opendetection.gateway.security.ClusterPrivilegeCheck.require;

/**
 * Users, with Elasticsearch's user body ({@code password}, {@code roles}, {@code full_name},
 * {@code email}, {@code metadata}, {@code enabled}) at {@code /api/security/users/{username}}.
 */
@ApplicationScoped
public class UserRoutes {
    private static final String ACTION = "cluster:admin/xpack/security/user/";
    private static final int MIN_PASSWORD_LENGTH = 6;

    private final UserStore users;
    private final Vertx vertx;

    @Inject
    UserRoutes(UserStore users, Vertx vertx) {
        this.users = users;
        this.vertx = vertx;
    }

    public Uni<Reply> list(Identity caller) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "get", MANAGE_SECURITY);
        return users.profiles().map(Reply::ok);
    }

    public Uni<Reply> get(Identity caller, String username) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "get", MANAGE_SECURITY);
        return users.profile(username).map(profile -> {
            if (profile == null) {
                throw Rejection.notFound();
            }
            return Reply.ok(profile);
        });
    }

    /** Creates or updates the user; {@code {"created": true|false}} as Elasticsearch. */
    public Uni<Reply> put(Identity caller, String username, JsonNode body) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "put", MANAGE_SECURITY);
        BodyFields.name(username, "username");
        JsonNode root = BodyFields.object(body, BODY, true);
        BodyFields.onlyKeys(root, BODY, Set.of("password", "roles", "full_name", "email", "metadata", "enabled"));
        String password = BodyFields.string(root, "password", BODY, false);
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw BodyFields.invalid(BODY + ".password",
                    "passwords must be at least [" + MIN_PASSWORD_LENGTH + "] characters long");
        }
        List<String> roles = BodyFields.strings(root, "roles", BODY, true);
        Boolean enabled = BodyFields.bool(root, "enabled", BODY);
        Map<String, Object> metadata = BodyFields.metadata(root, BODY);
        UserProfile profile = new UserProfile(username, roles, BodyFields.string(root, "full_name", BODY, false),
                BodyFields.string(root, "email", BODY, false), enabled == null || enabled, metadata);
        if (password == null) {
            return users.save(profile, null).map(created -> Reply.ok(Map.of("created", created)));
        }
        // Argon2 is deliberately slow: off the event loop
        return Uni.createFrom()
                .completionStage(() -> vertx.executeBlocking(() -> PasswordHashing.hash(password), false)
                        .toCompletionStage())
                .flatMap(hash -> users.save(profile, hash))
                .map(created -> Reply.ok(Map.of("created", created)));
    }

    /** Deletes the user (and invalidates their API keys); 204 as Kibana. */
    public Uni<Reply> delete(Identity caller, String username) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "delete", MANAGE_SECURITY);
        return users.delete(username).map(deleted -> {
            if (!deleted) {
                throw Rejection.notFound();
            }
            return Reply.noContent();
        });
    }
}
