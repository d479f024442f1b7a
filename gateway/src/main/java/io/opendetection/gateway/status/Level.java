package io.opendetection.gateway.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Kibana's status levels, mildest first. */
public enum Level {
    AVAILABLE, DEGRADED, UNAVAILABLE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
