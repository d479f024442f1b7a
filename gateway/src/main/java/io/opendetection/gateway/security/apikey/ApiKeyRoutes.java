package io.opendetection.gateway.security.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.gateway.authz.Role;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.security.BodyFields;
import io.opendetection.gateway.security.Reply;
import io.opendetection.gateway.security.role.RoleBodies;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.opendetection.gateway.security.BodyFields.BODY;
import static io.opendetection.gateway.security.ClusterPrivilegeCheck.OWN_API_KEYS;
import static io.opendetection.gateway.security.ClusterPrivilegeCheck.require;

/**
 * Elasticsearch's API key API at {@code /api/security/api_key}: create ({@code POST}), get
 * ({@code GET}, the caller's own keys, everyone's with {@code manage_api_key}/{@code manage_security}),
 * invalidate ({@code DELETE}).
 */
@ApplicationScoped
public class ApiKeyRoutes {
    private static final String ACTION = "cluster:admin/xpack/security/api_key/";
    private static final Pattern TIME_VALUE = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");

    private final ApiKeyStore keys;
    private final Clock clock = Clock.systemUTC();

    @Inject
    ApiKeyRoutes(ApiKeyStore keys) {
        this.keys = keys;
    }

    public Uni<Reply> create(Identity caller, JsonNode body) {
        require(caller.grants().canManageOwnApiKeys(), caller, ACTION + "create", OWN_API_KEYS);
        JsonNode root = BodyFields.object(body, BODY, true);
        BodyFields.onlyKeys(root, BODY, Set.of("name", "expiration", "role_descriptors", "metadata"));
        String name = BodyFields.name(BodyFields.string(root, "name", BODY, true), "API key name");
        String expiration = BodyFields.string(root, "expiration", BODY, false);
        Instant now = clock.instant();
        Instant expiresAt = expiration == null ? null : now.plus(timeValue(expiration));
        List<Role> descriptors = new ArrayList<>();
        JsonNode requested = BodyFields.object(root.path("role_descriptors"), BODY + ".role_descriptors", false);
        for (Iterator<String> names = requested.fieldNames(); names.hasNext(); ) {
            String roleName = names.next();
            descriptors.add(new Role(roleName, RoleBodies.fromElasticsearch(requested.get(roleName),
                    BODY + ".role_descriptors." + roleName)));
        }
        String id = ApiKeySecrets.newId();
        String secret = ApiKeySecrets.newSecret();
        byte[] salt = ApiKeySecrets.newSalt();
        StoredApiKey key = new StoredApiKey(id, name, caller.username(), salt, ApiKeySecrets.hash(salt, secret),
                caller.grants().layers(), descriptors, BodyFields.metadata(root, BODY), now, expiresAt, null);
        return keys.insert(key).map(ignored -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("name", name);
            if (expiresAt != null) {
                answer.put("expiration", expiresAt.toEpochMilli());
            }
            answer.put("api_key", secret);
            answer.put("encoded", ApiKeySecrets.encoded(id, secret));
            return Reply.ok(answer);
        });
    }

    /** {@code ?id=}, {@code ?name=}, {@code ?username=}, {@code ?owner=true} narrow the list. */
    public Uni<Reply> list(Identity caller, String id, String name, String username, boolean owner) {
        require(caller.grants().canManageOwnApiKeys(), caller, ACTION + "get", OWN_API_KEYS);
        String ownedBy = owner || !caller.grants().canManageApiKeys() ? caller.username() : username;
        if (ownedBy != null && username != null && !ownedBy.equals(username)) {
            return Uni.createFrom().item(Reply.ok(Map.of("api_keys", List.of())));
        }
        return keys.list(id == null ? null : List.of(id), name, ownedBy)
                .map(found -> Reply.ok(Map.of("api_keys", found.stream().map(ApiKeyRoutes::describe).toList())));
    }

    /** Elasticsearch's body: {@code ids}, {@code name}, {@code username}, {@code owner}. */
    public Uni<Reply> invalidate(Identity caller, JsonNode body) {
        require(caller.grants().canManageOwnApiKeys(), caller, ACTION + "invalidate", OWN_API_KEYS);
        JsonNode root = BodyFields.object(body, BODY, true);
        BodyFields.onlyKeys(root, BODY, Set.of("ids", "id", "name", "username", "owner", "realm_name"));
        List<String> ids = new ArrayList<>(BodyFields.strings(root, "ids", BODY, false));
        String single = BodyFields.string(root, "id", BODY, false);
        if (single != null) {
            ids.add(single);
        }
        String name = BodyFields.string(root, "name", BODY, false);
        String username = BodyFields.string(root, "username", BODY, false);
        boolean owner = Boolean.TRUE.equals(BodyFields.bool(root, "owner", BODY));
        if (ids.isEmpty() && name == null && username == null && !owner) {
            throw BodyFields.invalid(BODY, "One of [api key id(s), api key name, username, realm name] must be "
                    + "specified if [owner] flag is false");
        }
        String ownedBy = owner || !caller.grants().canManageApiKeys() ? caller.username() : username;
        if (ownedBy != null && username != null && !ownedBy.equals(username)) {
            return Uni.createFrom().item(Reply.ok(invalidation(List.of(), List.of())));
        }
        return keys.invalidate(ids.isEmpty() ? null : ids, name, ownedBy)
                .map(done -> Reply.ok(invalidation(done.invalidated(), done.previouslyInvalidated())));
    }

    private static Map<String, Object> invalidation(List<String> invalidated, List<String> previously) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("invalidated_api_keys", invalidated);
        answer.put("previously_invalidated_api_keys", previously);
        answer.put("error_count", 0);
        return answer;
    }

    private static Map<String, Object> describe(StoredApiKey key) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", key.id());
        answer.put("name", key.name());
        answer.put("creation", key.createdAt().toEpochMilli());
        if (key.expiresAt() != null) {
            answer.put("expiration", key.expiresAt().toEpochMilli());
        }
        answer.put("invalidated", key.invalidatedAt() != null);
        if (key.invalidatedAt() != null) {
            answer.put("invalidation", key.invalidatedAt().toEpochMilli());
        }
        answer.put("username", key.owner());
        answer.put("metadata", key.metadata());
        Map<String, Object> descriptors = new LinkedHashMap<>();
        key.roleDescriptors().forEach(role -> descriptors.put(role.name(), role.descriptor()));
        answer.put("role_descriptors", descriptors);
        return answer;
    }

    /** Elasticsearch's time values: {@code 30m}, {@code 1d}, ... */
    private static Duration timeValue(String value) {
        Matcher matcher = TIME_VALUE.matcher(value);
        if (!matcher.matches()) {
            throw BodyFields.invalid(BODY + ".expiration", "failed to parse setting [expiration] with value ["
                    + value + "] as a time value: unit is missing or unrecognized");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw BodyFields.invalid(BODY + ".expiration", "expiration must be positive");
        }
        return duration;
    }
}
