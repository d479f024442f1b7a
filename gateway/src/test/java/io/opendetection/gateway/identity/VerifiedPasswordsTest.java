package io.opendetection.gateway.identity;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedPasswordsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofNanos(300), now::get);
    private final AtomicInteger hashings = new AtomicInteger();

    /** Stands for Argon2: counts its runs and answers {@code result}. */
    private Uni<Boolean> hashing(boolean result) {
        hashings.incrementAndGet();
        return Uni.createFrom().item(result);
    }

    private boolean matches(String username, String password, String hash, boolean hashResult) {
        return verified.matches(username, password, hash, () -> hashing(hashResult)).await().indefinitely();
    }

    @Test
    void remembersAVerifiedPasswordForItsLifetime() {
        assertTrue(matches("elastic", "changeme", "$hash1", true));
        assertEquals(1, hashings.get());

        now.addAndGet(299);
        assertTrue(matches("elastic", "changeme", "$hash1", false));
        assertEquals(1, hashings.get(), "remembered: not hashed again");
        now.addAndGet(1);
        assertFalse(matches("elastic", "changeme", "$hash1", false));
        assertEquals(2, hashings.get(), "expired: hashed again");
    }

    @Test
    void aMismatchIsNotRemembered() {
        assertFalse(matches("elastic", "wrong", "$hash1", false));
        assertFalse(matches("elastic", "wrong", "$hash1", false));
        assertEquals(2, hashings.get());
    }

    @Test
    void anotherPasswordUserOrStoredHashIsNotRemembered() {
        assertTrue(matches("elastic", "changeme", "$hash1", true));

        assertFalse(matches("elastic", "changemf", "$hash1", false));
        assertFalse(matches("elastid", "changeme", "$hash1", false));
        assertFalse(matches("elastic", "changeme", "$hash2", false));
        assertFalse(matches("elastic:", "changeme", "$hash1", false));
        assertFalse(matches("elasti", "cchangeme", "$hash1", false));
        assertEquals(6, hashings.get());
    }

    @Test
    void requestsArrivingTogetherShareOneHashing() {
        CompletableFuture<Boolean> argon2 = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Boolean> first = verified.matches("elastic", "changeme", "$hash1", () -> {
            started.incrementAndGet();
            return Uni.createFrom().completionStage(argon2);
        }).subscribeAsCompletionStage();
        CompletableFuture<Boolean> second = verified.matches("elastic", "changeme", "$hash1", () -> {
            started.incrementAndGet();
            return Uni.createFrom().completionStage(argon2);
        }).subscribeAsCompletionStage();

        assertFalse(first.isDone());
        argon2.complete(true);

        assertTrue(first.join());
        assertTrue(second.join());
        assertEquals(1, started.get(), "one Argon2 computation for both requests");
    }
}
