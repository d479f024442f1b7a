package io.opendetection.alerts.index.service;

/**
 * A space's alerts index as it is now.
 *
 * @param name            the alias alerts are read and written through
 * @param mappingOutdated whether some concrete index lacks fields of the current alerts mapping
 */
public record AlertsIndex(String name, boolean mappingOutdated) {
}
