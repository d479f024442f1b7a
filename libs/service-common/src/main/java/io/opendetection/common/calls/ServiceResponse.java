package io.opendetection.common.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What another service answered: its status and its body, whole (internal answers are small). */
public record ServiceResponse(int status, Buffer body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonNode json() {
        try {
            return body == null || body.length() == 0 ? JSON.nullNode() : JSON.readTree(body.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the service answered " + status + " with a body that is not JSON", e);
        }
    }
}
