package io.opendetection.gateway.identity;

import io.smallrye.mutiny.Uni;

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
import java.util.function.Supplier;

/**
 * Passwords recently proven against a stored hash, so a client sending Basic credentials on every
 * request pays for Argon2 once every few minutes, not every time; and requests that arrive together
 * with the same credentials (a busy client when the memory has just expired) share one computation. Entries are keyed by an HMAC under
 * a key that never leaves this process, so the memory holds no password; the stored hash is part of
 * the key, so a changed password (a changed row) no longer matches.
 */
final class VerifiedPasswords {
    private static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final long lifetimeNanos;
    private final LongSupplier clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Map<String, Uni<Boolean>> checking = new ConcurrentHashMap<>();

    VerifiedPasswords(Duration lifetime, LongSupplier nanoClock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeNanos = lifetime.toNanos();
        this.clock = nanoClock;
    }

    /**
     * Whether {@code password} matches {@code passwordHash}: true at once when it did recently,
     * otherwise the result of {@code hashing} (Argon2), run once for all the callers asking the same
     * question meanwhile. A match is remembered for the lifetime; a mismatch is not.
     */
    Uni<Boolean> matches(String username, String password, String passwordHash, Supplier<Uni<Boolean>> hashing) {
        String key = fingerprint(username, password, passwordHash);
        return Uni.createFrom().deferred(() -> {
            Long expiry = expiries.get(key);
            if (expiry != null && clock.getAsLong() - expiry < 0) {
                return Uni.createFrom().item(true);
            }
            return checking.computeIfAbsent(key, ignored -> hashing.get()
                    .invoke(matched -> {
                        if (matched) {
                            remember(key);
                        }
                    })
                    // a statement, not an expression: remove() returns this very Uni, which
                    // eventually(Supplier) would wait for
                    .eventually(() -> {
                        checking.remove(key);
                    })
                    .memoize().indefinitely());
        });
    }

    private void remember(String key) {
        long now = clock.getAsLong();
        if (expiries.size() >= MAX_ENTRIES) {
            expiries.values().removeIf(expiry -> now - expiry >= 0);
            if (expiries.size() >= MAX_ENTRIES) {
                expiries.clear();
            }
        }
        expiries.put(key, now + lifetimeNanos);
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
