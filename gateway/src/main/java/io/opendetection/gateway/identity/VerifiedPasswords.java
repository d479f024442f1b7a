package io.opendetection.gateway.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passwords recently proven against a stored hash, so a client sending Basic credentials on every
 * request pays for Argon2 once every few minutes, not every time. Entries are keyed by an HMAC under
 * a key that never leaves this process, so the memory holds no password; the stored hash is part of
 * the key, so a changed password (a changed row) no longer matches.
 */
final class VerifiedPasswords {
    private static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final long lifetimeNanos;
    private final LongSupplier clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    VerifiedPasswords(Duration lifetime, LongSupplier nanoClock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeNanos = lifetime.toNanos();
        this.clock = nanoClock;
    }

    boolean contains(String username, String password, String passwordHash) {
        Long expiry = expiries.get(fingerprint(username, password, passwordHash));
        return expiry != null && clock.getAsLong() - expiry < 0;
    }

    void remember(String username, String password, String passwordHash) {
        long now = clock.getAsLong();
        if (expiries.size() >= MAX_ENTRIES) {
            expiries.values().removeIf(expiry -> now - expiry >= 0);
            if (expiries.size() >= MAX_ENTRIES) {
                expiries.clear();
            }
        }
        expiries.put(fingerprint(username, password, passwordHash), now + lifetimeNanos);
    }

    private String fingerprint(String username, String password, String passwordHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // lengths first, so no two different triples feed the same bytes
            for (String part : new String[] {username, password, passwordHash}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) ':');
                mac.update(bytes);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
