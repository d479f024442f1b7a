package io.opendetection.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per principal: {@code burst} requests at once, refilled at {@code perSecond}.
 * Buckets that have refilled completely carry no information and are dropped when the map grows.
 */
public final class TokenBuckets {
    private static final int MAX_BUCKETS = 100_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, double burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = nanoClock;
    }

    /** Takes a token: 0 when there was one, else how many nanoseconds until there will be. */
    public long take(String principal) {
        long now = clock.getAsLong();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        return buckets.computeIfAbsent(principal, ignored -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
        }

        synchronized boolean fullAt(long now) {
            return tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond >= burst;
        }
    }
}
