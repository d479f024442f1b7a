package io.opendetection.alerts.index.rest;

/** Kibana's answer to a change of the alerts index: {@code {"acknowledged": true}}. */
public record Acknowledged(boolean acknowledged) {
    static final Acknowledged TRUE = new Acknowledged(true);
}
