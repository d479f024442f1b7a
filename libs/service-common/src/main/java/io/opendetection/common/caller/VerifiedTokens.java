package io.opendetection.common.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.auth.ExecutorToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The caller tokens this service verified and that have not expired. The gateway reuses one token
 * for a caller for half a minute, so checking its RSA signature and claims on every request (a
 * third of a small request's CPU) is work done again on the same bytes: the same string verified
 * once stays verified until its {@code exp}. Only the exact token string is a hit; anything else,
 * and any token past its expiry, goes to SmallRye's parser as before.
 *
 * <p>A token issued by rule-service's executor ({@link ExecutorToken}) is verified with the
 * executor's public key instead, when this service is configured with one; without it such a
 * token is refused like any token the gateway did not sign.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    private static final int MAX_ENTRIES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();
    private final DefaultJWTParser parser;
    private final LongSupplier epochSeconds;
    /** How executor tokens are checked; null when this service does not accept them. */
    private final JWTAuthContextInfo executor;

    @Inject
    VerifiedTokens(DefaultJWTParser parser,
                   @ConfigProperty(name = "detection.executor-token.verify-key-location") Optional<String> executorKey) {
        this(parser, () -> System.currentTimeMillis() / 1000,
                executorKey.filter(location -> !location.isBlank()).map(VerifiedTokens::readPublicKey)
                        .map(VerifiedTokens::executorContext).orElse(null));
    }

    VerifiedTokens(DefaultJWTParser parser, LongSupplier epochSeconds) {
        this(parser, epochSeconds, null);
    }

    VerifiedTokens(DefaultJWTParser parser, LongSupplier epochSeconds, JWTAuthContextInfo executor) {
        this.parser = parser;
        this.epochSeconds = epochSeconds;
        this.executor = executor;
    }

    private static PublicKey readPublicKey(String location) {
        try {
            return KeyUtils.decodePublicKey(KeyUtils.readKeyContent(location), SignatureAlgorithm.RS256);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the executor-token verification key at " + location, e);
        }
    }

    static JWTAuthContextInfo executorContext(PublicKey key) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, ExecutorToken.ISSUER);
        context.setExpectedAudience(Set.of(CallerToken.AUDIENCE));
        return context;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = epochSeconds.getAsLong();
        JsonWebToken known = verified.get(token);
        if (known != null && now < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken checked = executor != null && ExecutorToken.ISSUER.equals(unverifiedIssuer(token))
                ? parser.parse(token, executor) : parser.parse(token);
        remember(token, checked, now);
        return checked;
    }

    /** The {@code iss} the token claims, before any check: only to pick the key that must have signed it. */
    static String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.substring(first + 1, second)),
                    StandardCharsets.UTF_8));
            return claims.path("iss").asText(null);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void remember(String token, JsonWebToken checked, long now) {
        if (checked.getExpirationTime() <= now) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(known -> known.getExpirationTime() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, checked);
    }

    // The other ways of reading a token are not on the request path; they keep SmallRye's behaviour.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
