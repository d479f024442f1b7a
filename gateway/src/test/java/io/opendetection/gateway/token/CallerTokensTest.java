package io.opendetection.gateway.token;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.gateway.authz.Grants;
import io.opendetection.gateway.authz.ReservedRoles;
import io.opendetection.gateway.identity.AuthenticationType;
import io.opendetection.gateway.identity.Identity;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CallerTokensTest {
    private static final Identity ANALYST = new Identity("analyst", Set.of("viewer", "editor"),
            AuthenticationType.BASIC, Grants.of(List.of(ReservedRoles.find("viewer").orElseThrow())), null);

    private final KeyPair keys = rsaKeys();
    private final AtomicLong now = new AtomicLong();
    private final CallerTokens tokens = new CallerTokens(keys.getPrivate(), null, now::get);

    @Test
    void signsTheCallersNameRolesAndSpaceForTheServices() throws Exception {
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(keys.getPublic())
                .setExpectedIssuer(CallerToken.ISSUER)
                .setExpectedAudience(CallerToken.AUDIENCE)
                .setRequireExpirationTime()
                .build()
                .processToClaims(tokens.tokenFor(ANALYST, "marketing"));

        assertEquals("analyst", claims.getSubject());
        assertEquals("analyst", claims.getStringClaimValue("upn"));
        assertEquals(Set.of("viewer", "editor"), Set.copyOf(claims.getStringListClaimValue("groups")));
        assertEquals("marketing", claims.getStringClaimValue(CallerToken.SPACE_CLAIM));
        assertEquals(CallerToken.LIFETIME_SECONDS,
                claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void reusesATokenForHalfItsLifetimeAndPerSpace() {
        String first = tokens.tokenFor(ANALYST, "default");

        now.addAndGet(TimeUnit.SECONDS.toNanos(CallerToken.LIFETIME_SECONDS / 2) - 1);
        assertSame(first, tokens.tokenFor(ANALYST, "default"));
        assertNotEquals(first, tokens.tokenFor(ANALYST, "other"));
        assertNotEquals(first, tokens.tokenFor(
                new Identity("analyst", Set.of("viewer"), AuthenticationType.BASIC, ANALYST.grants(), null),
                "default"));

        now.addAndGet(1);
        assertNotEquals(first, tokens.tokenFor(ANALYST, "default"));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
