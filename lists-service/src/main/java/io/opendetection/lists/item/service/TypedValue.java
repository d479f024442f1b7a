package io.opendetection.lists.item.service;

/**
 * A list value checked against its list's type.
 *
 * @param value    as given, trimmed: what reads and exports return (Elasticsearch keeps the source as sent)
 * @param matchKey the value normalised for its type, so equal values compare equal however written
 * @param lowIp    for ip and ip_range values covering more than one address, the first one; else null
 * @param highIp   likewise the last one
 */
public record TypedValue(String value, String matchKey, String lowIp, String highIp) {
    static TypedValue exact(String value, String matchKey) {
        return new TypedValue(value, matchKey, null, null);
    }

    public boolean isRange() {
        return lowIp != null;
    }

    /** The covered addresses in PostgreSQL's range literal, for the {@code inetrange} column. */
    public String ipRange() {
        return lowIp == null ? null : "[" + lowIp + "," + highIp + "]";
    }
}
