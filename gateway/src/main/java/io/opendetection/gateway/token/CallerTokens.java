package io.opendetection.gateway.token;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.gateway.identity.Identity;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Signs the caller token the services trust (see {@link CallerToken}). A token is reused for half
 * its lifetime, so a busy caller costs one RSA signature per half minute, and every token a service
 * receives still has at least half its lifetime left.
 */
@Startup
@ApplicationScoped
public class CallerTokens {
    private static final int MAX_ENTRIES = 10_000;
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(CallerToken.LIFETIME_SECONDS) / 2;

    private final PrivateKey signingKey;
    private final LongSupplier clock;
    private final Map<Holder, Minted> minted = new ConcurrentHashMap<>();

    @Inject
    CallerTokens(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation) {
        this(readKey(keyLocation), System::nanoTime);
    }

    CallerTokens(PrivateKey signingKey, LongSupplier nanoClock) {
        this.signingKey = signingKey;
        this.clock = nanoClock;
    }

    public String tokenFor(Identity identity, String space) {
        Holder holder = new Holder(identity.username(), identity.roles(), space);
        long now = clock.getAsLong();
        Minted current = minted.get(holder);
        if (current != null && now - current.reuseUntil() < 0) {
            return current.token();
        }
        if (minted.size() >= MAX_ENTRIES) {
            minted.values().removeIf(token -> now - token.reuseUntil() >= 0);
        }
        String token = sign(holder);
        minted.put(holder, new Minted(token, now + REUSE_NANOS));
        return token;
    }

    private String sign(Holder holder) {
        return Jwt.issuer(CallerToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .upn(holder.username())
                .subject(holder.username())
                .groups(holder.roles())
                .claim(CallerToken.SPACE_CLAIM, holder.space())
                .expiresIn(CallerToken.LIFETIME_SECONDS)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(signingKey);
    }

    /** Read once: SmallRye's {@code sign()} without a key would read and parse the PEM file for every token. */
    private static PrivateKey readKey(String location) {
        PrivateKey key;
        try {
            key = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location), SignatureAlgorithm.RS256);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the caller-token signing key at " + location, e);
        }
        if (key == null) {
            throw new IllegalStateException("No PKCS#8 RSA private key at " + location);
        }
        return key;
    }

    private record Holder(String username, Set<String> roles, String space) {
    }

    private record Minted(String token, long reuseUntil) {
    }
}
