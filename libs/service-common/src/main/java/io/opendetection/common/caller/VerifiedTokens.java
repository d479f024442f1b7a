package io.opendetection.common.caller;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The caller tokens this service verified and that have not expired. The gateway reuses one token
 * for a caller for half a minute, so checking its RSA signature and claims on every request (a
 * third of a small request's CPU) is work done again on the same bytes: the same string verified
 * once stays verified until its {@code exp}. Only the exact token string is a hit; anything else,
 * and any token past its expiry, goes to SmallRye's parser as before.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();
    private final DefaultJWTParser parser;
    private final LongSupplier epochSeconds;

    @Inject
    VerifiedTokens(DefaultJWTParser parser) {
        this(parser, () -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokens(DefaultJWTParser parser, LongSupplier epochSeconds) {
        this.parser = parser;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = epochSeconds.getAsLong();
        JsonWebToken known = verified.get(token);
        if (known != null && now < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken checked = parser.parse(token);
        remember(token, checked, now);
        return checked;
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
