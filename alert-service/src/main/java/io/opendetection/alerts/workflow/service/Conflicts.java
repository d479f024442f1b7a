package io.opendetection.alerts.workflow.service;

/** What to do when an alert changed between being selected and being written. */
public enum Conflicts {
    /** Stop, and say how far the change got (update-by-query's default). */
    ABORT,
    /** Count it as a version conflict and go on. */
    PROCEED,
    /** Read the alert again and apply the change to what it is now (tags, assignees: nothing added is lost). */
    RETRY
}
