package io.opendetection.lists.item.service;

/** A value that is not of its list's type; the message says why, in words fit for the caller. */
public class InvalidValueException extends Exception {
    public InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
