package io.opendetection.alerts.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * At most one refresh of an alerts index by the ingest per {@code spacing}: when alerts trickle in
 * and the ingest keeps catching up, it would otherwise refresh after every batch. A refresh asked
 * for too soon is planned for when the spacing allows, once. Times are {@link System#nanoTime()}
 * readings. Thread-safe.
 */
final class RefreshSpacing {
    static final long NOW = 0;
    static final long ALREADY_PLANNED = -1;

    private final long spacingNanos;
    private final Map<String, Long> lastRefresh = new HashMap<>();
    private final Set<String> planned = new HashSet<>();

    RefreshSpacing(long spacingNanos) {
        this.spacingNanos = spacingNanos;
    }

    /** {@link #NOW} (noted as done), {@link #ALREADY_PLANNED}, or in how many nanoseconds to refresh (noted as planned). */
    synchronized long request(String alias, long now) {
        if (planned.contains(alias)) {
            return ALREADY_PLANNED;
        }
        Long last = lastRefresh.get(alias);
        if (last == null || now - last >= spacingNanos) {
            lastRefresh.put(alias, now);
            return NOW;
        }
        planned.add(alias);
        return Math.max(1, last + spacingNanos - now);
    }

    /** The planned refresh of the alias is made now. */
    synchronized void refreshing(String alias, long now) {
        planned.remove(alias);
        lastRefresh.put(alias, now);
    }
}
