package io.opendetection.common.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.opendetection.contracts.errors.PlatformError;
import io.opendetection.contracts.errors.SiemError;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into Kibana's envelopes: never a stack trace, never an empty 500. An
 * unexpected failure is logged with an id, and only the id reaches the caller.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status(), e.body());
    }

    /**
     * Malformed JSON gets the words Kibana answers it with, followed by what is wrong and where;
     * JSON of the wrong shape for the body's type names the field, as request validation does.
     */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return json(400, PlatformError.of(400, describe(e)));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        String given = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return json(415, PlatformError.of(415, "Unsupported Media Type: Content-Type "
                + (given == null ? "is missing" : "\"" + given + "\" is not accepted here")));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Throwable cause = e.getCause();
        if (status == 400 && cause instanceof JsonProcessingException json) {
            return unreadableBody(json);
        }
        return json(status, PlatformError.of(status, PlatformError.reasonPhrase(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s", id);
        return json(500, new SiemError("An internal server error occurred (error id " + id + ")", 500));
    }

    /** What is wrong with the JSON and where, without Jackson's Java class names. */
    static String describe(JsonProcessingException e) {
        if (e instanceof InvalidFormatException format) {
            return "[request body]: " + path(format) + "Expected " + simpleType(format.getTargetType())
                    + ", received " + format.getValue();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "[request body]: " + path(mismatch) + "Expected " + simpleType(mismatch.getTargetType());
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return "Invalid request payload JSON format: " + e.getOriginalMessage() + location;
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
