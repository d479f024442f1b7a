package io.opendetection.alerts.index.persistence;

/** What a request did to a space's alerts index. */
public enum IndexChange {
    CREATED, MAPPING_UPDATED, DELETED
}
