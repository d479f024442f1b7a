package io.opendetection.eql.sequence;

/** A sequence query needed more partial sequences in memory than it is allowed to hold. */
public class SequenceLimitException extends RuntimeException {
    public SequenceLimitException(String message) {
        super(message);
    }
}
