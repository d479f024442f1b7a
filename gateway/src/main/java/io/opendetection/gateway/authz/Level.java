package io.opendetection.gateway.authz;

import java.util.Locale;

/** How much of an area a caller may do, weakest first: {@code all} includes {@code read}. */
public enum Level {
    NONE, READ, ALL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean covers(Level needed) {
        return compareTo(needed) >= 0;
    }

    static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Level min(Level a, Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
