package io.opendetection.exceptions.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.item.service.ExceptionItemService;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ExceptionListService;
import io.opendetection.exceptions.search.KqlFilters;
import io.opendetection.exceptions.search.Page;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/** Kibana's exception list container routes. */
@Path("/api/exception_lists")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionListResource {
    @Inject
    ExceptionListService lists;

    @Inject
    ExceptionItemService items;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionList> create(JsonNode body) {
        return lists.create(CreateExceptionListBody.read(body));
    }

    @GET
    public Uni<ExceptionList> read(@RestQuery String id, @RestQuery("list_id") String listId,
                                   @RestQuery("namespace_type") String namespaceType) {
        ListQueries.Target target = ListQueries.target(id, listId, namespaceType,
                ApiException.badRequest("id or list_id required"));
        return lists.read(target.reference(), target.namespaceType());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionList> update(JsonNode body) {
        return lists.update(UpdateExceptionListBody.read(body));
    }

    @DELETE
    public Uni<ExceptionList> delete(@RestQuery String id, @RestQuery("list_id") String listId,
                                     @RestQuery("namespace_type") String namespaceType) {
        ListQueries.Target target = ListQueries.target(id, listId, namespaceType,
                ApiException.badRequest("Either \"list_id\" or \"id\" needs to be defined in the request"));
        return lists.delete(target.reference(), target.namespaceType());
    }

    @GET
    @Path("_find")
    public Uni<Page<ExceptionList>> find(@RestQuery String filter, @RestQuery("namespace_type") String namespaceType,
                                         @RestQuery String page, @RestQuery("per_page") String perPage,
                                         @RestQuery("sort_field") String sortField,
                                         @RestQuery("sort_order") String sortOrder) {
        ListQueries.Search search = ListQueries.search(filter, namespaceType, page, perPage, sortField, sortOrder);
        return lists.find(search.namespaceTypes(), KqlFilters.of(search.filter()), search.page());
    }

    /** Counts of the list's items per OS type; zeros for a list that does not exist, as Kibana answers. */
    @GET
    @Path("summary")
    public Uni<Map<String, Long>> summary(@RestQuery String id, @RestQuery("list_id") String listId,
                                          @RestQuery("namespace_type") String namespaceType,
                                          @RestQuery String filter) {
        ListQueries.Target target = ListQueries.target(id, listId, namespaceType,
                ApiException.badRequest("id or list_id required"));
        return items.summary(target.reference(), target.namespaceType(), KqlFilters.of(filter));
    }
}
