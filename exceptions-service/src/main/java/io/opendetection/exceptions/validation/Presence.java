package io.opendetection.exceptions.validation;

/** Whether a field must be in the request. */
public enum Presence {
    REQUIRED, OPTIONAL
}
