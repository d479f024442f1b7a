package io.opendetection.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

    @Test
    void allowsABurstThenTheSustainedRatePerPrincipal() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("user:a"));
        }
        long wait = buckets.take("user:a");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), wait);
        assertEquals(0, buckets.take("user:b"), "another principal has its own bucket");

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(0, buckets.take("user:a"));
        assertTrue(buckets.take("user:a") > 0);

        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("user:a"), "refilled, but never beyond the burst");
        }
        assertTrue(buckets.take("user:a") > 0);
    }
}
