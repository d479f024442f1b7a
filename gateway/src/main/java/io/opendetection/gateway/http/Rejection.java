package io.opendetection.gateway.http;

import io.opendetection.contracts.errors.PlatformError;

import java.util.Map;

/**
 * A request the gateway answers itself with Kibana's platform envelope instead of forwarding it.
 * Thrown or failed with along the request's path; it carries no stack trace since it is no fault.
 */
public final class Rejection extends RuntimeException {
    private static final String WWW_AUTHENTICATE = "Basic realm=\"kibana\", charset=\"UTF-8\"";

    private final int status;
    private final Map<String, String> headers;

    public Rejection(int status, String message) {
        this(status, message, Map.of());
    }

    private Rejection(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    public static Rejection unauthorized() {
        return new Rejection(401, "Unauthorized", Map.of("WWW-Authenticate", WWW_AUTHENTICATE));
    }

    public static Rejection notFound() {
        return new Rejection(404, "Not Found");
    }

    public static Rejection tooManyRequests(long retryAfterSeconds) {
        return new Rejection(429, "Too Many Requests", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static Rejection payloadTooLarge(long limit) {
        return new Rejection(413, "Payload content length greater than maximum allowed: " + limit);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public PlatformError body() {
        return PlatformError.of(status, getMessage());
    }
}
