package io.opendetection.lists.item.service;

/** An import body over the configured limit. */
public class PayloadTooLargeException extends RuntimeException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("Payload content length greater than maximum allowed: " + limit, null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
