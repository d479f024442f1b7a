package io.opendetection.gateway.token;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.identity.Identity;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private final String keyId;
    private final LongSupplier clock;
    private final Map<Holder, Minted> minted = new ConcurrentHashMap<>();

    @Inject
    CallerTokens(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation,
                 GatewayConfig config) {
        this(readKey(keyLocation), config.signKeyId().filter(id -> !id.isBlank()).orElse(null), System::nanoTime);
    }

    /** @param keyId the {@code kid} header naming the key, so services can hold old and new keys during a rotation */
    CallerTokens(PrivateKey signingKey, String keyId, LongSupplier nanoClock) {
        this.signingKey = signingKey;
        this.keyId = keyId;
        this.clock = nanoClock;
    }

    public String tokenFor(Identity identity, String space) {
        Map<String, String> features = new LinkedHashMap<>();
        identity.grants().features(space).forEach((area, level) -> features.put(area.id(), level.id()));
        List<List<Map<String, Object>>> indices = identity.grants().indexLayers().stream()
                .map(layer -> layer.stream()
                        .map(grant -> Map.<String, Object>of("names", grant.names(), "privileges", grant.privileges()))
                        .toList())
                .toList();
        Map<String, String> apiKey = identity.apiKey() == null ? null
                : Map.of("id", identity.apiKey().id(), "name", identity.apiKey().name());
        Holder holder = new Holder(identity.username(), identity.roles(), space, features, indices,
                identity.grants().clusterLayers(),
                identity.authenticationType().name().toLowerCase(Locale.ROOT), apiKey);
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
        JwtClaimsBuilder claims = Jwt.issuer(CallerToken.ISSUER)
                .audience(CallerToken.AUDIENCE)
                .upn(holder.username())
                .subject(holder.username())
                .groups(holder.roles())
                .claim(CallerToken.SPACE_CLAIM, holder.space())
                .claim(CallerToken.PRIVILEGES_CLAIM, holder.features())
                .claim(CallerToken.INDEX_PRIVILEGES_CLAIM, holder.indices())
                .claim(CallerToken.CLUSTER_PRIVILEGES_CLAIM, holder.cluster())
                .claim(CallerToken.AUTHENTICATION_TYPE_CLAIM, holder.authenticationType())
                .expiresIn(CallerToken.LIFETIME_SECONDS);
        if (holder.apiKey() != null) {
            claims.claim(CallerToken.API_KEY_CLAIM, holder.apiKey());
        }
        JwtSignatureBuilder signature = claims.jws().algorithm(SignatureAlgorithm.RS256);
        if (keyId != null) {
            signature.keyId(keyId);
        }
        return signature.sign(signingKey);
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

    private record Holder(String username, Set<String> roles, String space, Map<String, String> features,
                          List<List<Map<String, Object>>> indices, List<List<String>> cluster,
                          String authenticationType,
                          Map<String, String> apiKey) {
    }

    private record Minted(String token, long reuseUntil) {
    }
}
