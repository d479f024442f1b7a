package io.opendetection.alerts.index.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a space's alerts live, named as Kibana names them: everyone reads and writes through the
 * alias; the concrete indices behind it are numbered from 000001 so that they can roll over.
 */
public record AlertsIndexName(String space) {
    /** Every space's alias (they are hidden: expand wildcards to hidden ones). */
    public static final String ALL_ALIASES = ".alerts-security.alerts-*";
    private static final Pattern CONCRETE =
            Pattern.compile("\\.internal\\.alerts-security\\.alerts-(.+)-\\d{6}");

    /** The space a concrete alerts index belongs to, when it is named as we name them. */
    public static Optional<String> spaceOf(String concreteIndex) {
        Matcher matcher = CONCRETE.matcher(concreteIndex);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public String alias() {
        return ".alerts-security.alerts-" + space;
    }

    public String firstIndex() {
        return ".internal.alerts-security.alerts-" + space + "-000001";
    }
}
