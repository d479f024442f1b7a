package io.opendetection.gateway.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedPasswordsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofNanos(300), now::get);

    @Test
    void remembersAVerifiedPasswordForItsLifetime() {
        verified.remember("elastic", "changeme", "$hash1");

        assertTrue(verified.contains("elastic", "changeme", "$hash1"));
        now.addAndGet(299);
        assertTrue(verified.contains("elastic", "changeme", "$hash1"));
        now.addAndGet(1);
        assertFalse(verified.contains("elastic", "changeme", "$hash1"));
    }

    @Test
    void anotherPasswordUserOrStoredHashIsNotRemembered() {
        verified.remember("elastic", "changeme", "$hash1");

        assertFalse(verified.contains("elastic", "changemf", "$hash1"));
        assertFalse(verified.contains("elastid", "changeme", "$hash1"));
        assertFalse(verified.contains("elastic", "changeme", "$hash2"));
        assertFalse(verified.contains("elastic:", "changeme", "$hash1"));
        assertFalse(verified.contains("elasti", "cchangeme", "$hash1"));
    }
}
