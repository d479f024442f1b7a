package io.opendetection.alerts.index.service;

/**
 * Where a space's alerts live, named as Kibana names them: everyone reads and writes through the
 * alias; the concrete indices behind it are numbered from 000001 so that they can roll over.
 */
public record AlertsIndexName(String space) {

    public String alias() {
        return ".alerts-security.alerts-" + space;
    }

    public String firstIndex() {
        return ".internal.alerts-security.alerts-" + space + "-000001";
    }
}
