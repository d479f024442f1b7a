package io.opendetection.alerts.ingest;

/** What reading one record gave: an {@link AlertWrite} to make, or a {@link DeadLetter}. */
sealed interface EventRead permits AlertWrite, DeadLetter {
}
