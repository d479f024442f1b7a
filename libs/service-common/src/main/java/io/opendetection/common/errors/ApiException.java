package io.opendetection.common.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.contracts.errors.PlatformError;
import io.opendetection.contracts.errors.SiemError;

/**
 * A request that cannot be served, with the status and the envelope Kibana answers it with:
 * validation of the request's shape in the platform envelope, the handler's own errors (not
 * found, conflict, business rules) in the Security Solution one.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Object body;

    private ApiException(int status, Object body, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** Security Solution envelope: {@code {"message": ..., "status_code": status}}. */
    public static ApiException siem(int status, String message) {
        return new ApiException(status, new SiemError(message, status), message);
    }

    /** Kibana sends some messages as an array of strings (e.g. several validation failures of one rule). */
    public static ApiException siem(int status, java.util.List<String> messages) {
        return new ApiException(status, new SiemError(messages, status), String.join("; ", messages));
    }

    /** Kibana sends a few messages as an object (e.g. the references that keep a value list from being deleted). */
    public static ApiException siem(int status, JsonNode message) {
        return new ApiException(status, new SiemError(message, status), message.toString());
    }

    public static ApiException notFound(String message) {
        return siem(404, message);
    }

    public static ApiException conflict(String message) {
        return siem(409, message);
    }

    public static ApiException badRequest(String message) {
        return siem(400, message);
    }

    public static ApiException platform(int status, String message) {
        return new ApiException(status, PlatformError.of(status, message), message);
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
