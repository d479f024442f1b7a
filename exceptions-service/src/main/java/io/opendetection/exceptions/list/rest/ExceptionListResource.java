package io.opendetection.exceptions.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ExceptionListService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/** Kibana's exception list container routes. */
@Path("/api/exception_lists")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionListResource {
    @Inject
    ExceptionListService lists;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionList> create(JsonNode body) {
        return lists.create(CreateExceptionListBody.read(body));
    }

    @GET
    public Uni<ExceptionList> read(@RestQuery String id, @RestQuery("list_id") String listId,
                                   @RestQuery("namespace_type") String namespaceType) {
        ReadExceptionListQuery query = ReadExceptionListQuery.read(id, listId, namespaceType);
        return lists.read(query.reference(), query.namespaceType());
    }
}
