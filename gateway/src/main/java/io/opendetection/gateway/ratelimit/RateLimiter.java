package io.opendetection.gateway.ratelimit;

import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;

/**
 * Limits how fast each user and each API key may call, per gateway replica; over the limit a
 * request gets Kibana's 429 with {@code Retry-After} (whole seconds). A rate of 0 turns it off.
 */
@ApplicationScoped
public class RateLimiter {
    private final TokenBuckets buckets;

    @Inject
    RateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.buckets = limit.perSecond() <= 0 ? null
                : new TokenBuckets(limit.perSecond(), Math.max(1, limit.burst()), System::nanoTime);
    }

    public void admit(Identity caller) {
        if (buckets == null) {
            return;
        }
        long waitNanos = buckets.take(caller.principal());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (long) Math.ceil(waitNanos / (double) TimeUnit.SECONDS.toNanos(1)));
            throw Rejection.tooManyRequests(seconds);
        }
    }
}
