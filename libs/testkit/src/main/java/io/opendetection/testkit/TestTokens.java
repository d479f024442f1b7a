package io.opendetection.testkit;

import io.opendetection.contracts.auth.CallerToken;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caller tokens as the gateway signs them, for tests that call a service directly. The header
 * value is {@code "Bearer " + token}.
 */
public final class TestTokens {
    private TestTokens() {
    }

    public static String bearer(String user, Set<String> roles, String space) {
        return "Bearer " + token(user, roles, space);
    }

    /**
     * A superuser's token that carries these index privileges instead, as the gateway signs them: layers
     * of {@code {"names": [...], "privileges": [...]}} ({@link CallerToken#INDEX_PRIVILEGES_CLAIM}).
     */
    public static String bearer(String user, Set<String> roles, String space,
                                List<List<Map<String, Object>>> indexPrivileges) {
        Map<String, Object> claims = new HashMap<>(roles.contains("superuser") ? superuserClaims() : Map.of());
        claims.put(CallerToken.INDEX_PRIVILEGES_CLAIM, indexPrivileges);
        return "Bearer " + token(TestKeys.keys().privateKey(), user, roles, space, claims);
    }

    /** A caller with exactly these privilege claims ({@link CallerToken}'s names), e.g. a read-only analyst. */
    public static String bearer(String user, String space, Map<String, Object> claims) {
        return "Bearer " + token(TestKeys.keys().privateKey(), user, Set.of(), space, claims);
    }

    /** What the gateway grants the {@code superuser} role: everything, in every space. */
    public static Map<String, Object> superuserClaims() {
        return Map.of(
                CallerToken.PRIVILEGES_CLAIM, Map.of("rules", "all", "alerts", "all", "exceptions", "all", "lists", "all"),
                CallerToken.INDEX_PRIVILEGES_CLAIM, List.of(List.of(Map.of("names", List.of("*"), "privileges", List.of("all")))),
                CallerToken.CLUSTER_PRIVILEGES_CLAIM, List.of(List.of("all")),
                CallerToken.AUTHENTICATION_TYPE_CLAIM, "basic");
    }

    /**
     * The rule executor's own token ({@link io.opendetection.contracts.auth.ExecutorToken}), as
     * rule-service signs it for a run of this rule in this space; the test kit gives the services
     * the test key pair for it too.
     */
    public static String executor(String space, String ruleId) {
        return "Bearer " + Jwt.issuer(io.opendetection.contracts.auth.ExecutorToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .subject(io.opendetection.contracts.auth.ExecutorToken.SUBJECT)
                .upn(io.opendetection.contracts.auth.ExecutorToken.SUBJECT)
                .claim(CallerToken.SPACE_CLAIM, space)
                .claim(io.opendetection.contracts.auth.ExecutorToken.RULE_CLAIM, ruleId)
                .expiresIn(io.opendetection.contracts.auth.ExecutorToken.LIFETIME_SECONDS)
                .jws().sign(privateKey(TestKeys.keys().privateKey()));
    }

    /** The administrator in the default space. */
    public static String admin() {
        return bearer("elastic", Set.of("superuser"), CallerToken.DEFAULT_SPACE);
    }

    public static String token(String user, Set<String> roles, String space) {
        return token(TestKeys.keys().privateKey(), user, roles, space);
    }

    /**
     * A token signed with another key, e.g. the key of a devstack that e2e tests run against; the
     * {@code superuser} role carries the privilege claims the gateway would give it.
     */
    public static String token(java.nio.file.Path privateKeyPem, String user, Set<String> roles, String space) {
        return token(privateKeyPem, user, roles, space, roles.contains("superuser") ? superuserClaims() : Map.of());
    }

    private static String token(java.nio.file.Path privateKeyPem, String user, Set<String> roles, String space,
                                Map<String, Object> claims) {
        JwtClaimsBuilder builder = Jwt.issuer(CallerToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .subject(user)
                .upn(user)
                .groups(roles)
                .claim(CallerToken.SPACE_CLAIM, space)
                .expiresIn(CallerToken.LIFETIME_SECONDS);
        claims.forEach(builder::claim);
        return builder.jws().sign(privateKey(privateKeyPem));
    }

    private static PrivateKey privateKey(java.nio.file.Path pem) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
