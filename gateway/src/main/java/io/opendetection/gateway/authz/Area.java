package io.opendetection.gateway.authz;

import java.util.Locale;

/**
 * The parts of the detection engine a role grants separately in each space, named after Kibana's
 * API privileges ({@code rules-read}, {@code alerts-all}, ...).
 */
public enum Area {
    RULES, ALERTS, EXCEPTIONS, LISTS;

    /** As a claim key and in Kibana's API privilege names: {@code rules}, {@code alerts}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
