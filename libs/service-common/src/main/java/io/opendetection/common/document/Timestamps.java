package io.opendetection.common.document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as Kibana writes them in its documents: UTC, always with milliseconds (ISO_INSTANT would
 * drop them when they are zero).
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The last {@link #now()}: a run stamps thousands of alerts within the same millisecond. */
    private static volatile Millisecond last = new Millisecond(0, of(Instant.EPOCH));

    private record Millisecond(long epochMilli, String text) {
    }

    private Timestamps() {
    }

    public static String now() {
        long epochMilli = System.currentTimeMillis();
        Millisecond cached = last;
        if (cached.epochMilli() != epochMilli) {
            cached = new Millisecond(epochMilli, of(Instant.ofEpochMilli(epochMilli)));
            last = cached;
        }
        return cached.text();
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
