package io.opendetection.testkit;

import io.opendetection.contracts.auth.CallerToken;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.security.PrivateKey;
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
     * A token that also carries the caller's index privileges, as the gateway signs them: layers of
     * {@code {"names": [...], "privileges": [...]}} ({@link CallerToken#INDEX_PRIVILEGES_CLAIM}).
     */
    public static String bearer(String user, Set<String> roles, String space,
                                List<List<Map<String, Object>>> indexPrivileges) {
        return "Bearer " + claims(user, roles, space).claim(CallerToken.INDEX_PRIVILEGES_CLAIM, indexPrivileges)
                .jws().sign(privateKey(TestKeys.keys().privateKey()));
    }

    /** The administrator in the default space. */
    public static String admin() {
        return bearer("elastic", Set.of("superuser"), CallerToken.DEFAULT_SPACE);
    }

    public static String token(String user, Set<String> roles, String space) {
        return token(TestKeys.keys().privateKey(), user, roles, space);
    }

    /** A token signed with another key, e.g. the key of a devstack that e2e tests run against. */
    public static String token(java.nio.file.Path privateKeyPem, String user, Set<String> roles, String space) {
        return claims(user, roles, space).jws().sign(privateKey(privateKeyPem));
    }

    private static JwtClaimsBuilder claims(String user, Set<String> roles, String space) {
        return Jwt.issuer(CallerToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .subject(user)
                .upn(user)
                .groups(roles)
                .claim(CallerToken.SPACE_CLAIM, space)
                .expiresIn(CallerToken.LIFETIME_SECONDS);
    }

    private static PrivateKey privateKey(java.nio.file.Path pem) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(pem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
