package io.opendetection.exceptions.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ExceptionItemService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Kibana's exception item routes. */
@Path("/api/exception_lists/items")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionItemResource {
    @Inject
    ExceptionItemService items;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionItem> create(JsonNode body) {
        return items.create(CreateExceptionItemBody.read(body));
    }
}
