package io.opendetection.lists.item.service;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of list items: time-ordered UUIDs (version 7 layout), so the millions of rows of an import
 * append to the end of the id index instead of scattering over it; tie breakers are random.
 */
public final class ItemIds {
    private static final AtomicLong LAST = new AtomicLong();

    private ItemIds() {
    }

    /** A new id; later ids sort after earlier ones. */
    public static String next() {
        // 48 bits of milliseconds then 12 bits of sequence, bumped when several fall in one millisecond
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xfffL);
        long low = ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String tieBreaker() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xf000L | 0x4000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
