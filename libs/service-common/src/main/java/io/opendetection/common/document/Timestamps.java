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

    private Timestamps() {
    }

    public static String now() {
        return of(Instant.now());
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
