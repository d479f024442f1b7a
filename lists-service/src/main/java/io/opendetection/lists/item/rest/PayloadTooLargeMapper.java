package io.opendetection.lists.item.rest;

import io.opendetection.contracts.errors.PlatformError;
import io.opendetection.lists.item.service.PayloadTooLargeException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Kibana's 413 for an import over the limit. The rest of the body is not read, so the connection
 * closes after the answer rather than wait for bytes nobody will take.
 */
public class PayloadTooLargeMapper {
    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE).header("Connection", "close")
                .entity(PlatformError.of(413, e.getMessage())).build();
    }
}
