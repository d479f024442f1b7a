package io.opendetection.kql;

/** A filter names a field the table does not offer, or uses it in a way it cannot be searched. */
public class KqlFieldException extends IllegalArgumentException {
    KqlFieldException(String message) {
        super(message);
    }
}
