package io.opendetection.lists.validation;

/** Whether a field must be in the request. */
public enum Presence {
    REQUIRED, OPTIONAL
}
