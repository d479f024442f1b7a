package io.opendetection.exceptions.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ExceptionItemService;
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

    @GET
    public Uni<ExceptionItem> read(@RestQuery String id, @RestQuery("item_id") String itemId,
                                   @RestQuery("namespace_type") String namespaceType) {
        ItemQueries.Target target = ItemQueries.target(id, itemId, namespaceType,
                ApiException.badRequest("id or item_id required"));
        return items.read(target.reference(), target.namespaceType());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionItem> update(JsonNode body) {
        return items.update(UpdateExceptionItemBody.read(body, null));
    }

    @DELETE
    public Uni<ExceptionItem> delete(@RestQuery String id, @RestQuery("item_id") String itemId,
                                     @RestQuery("namespace_type") String namespaceType) {
        ItemQueries.Target target = ItemQueries.target(id, itemId, namespaceType,
                ApiException.badRequest("Either \"item_id\" or \"id\" needs to be defined in the request"));
        return items.delete(target.reference(), target.namespaceType());
    }

    @GET
    @Path("_find")
    public Uni<Page<ExceptionItem>> find(@RestQuery("list_id") String listId, @RestQuery String filter,
                                         @RestQuery("namespace_type") String namespaceType,
                                         @RestQuery String search, @RestQuery String page,
                                         @RestQuery("per_page") String perPage,
                                         @RestQuery("sort_field") String sortField,
                                         @RestQuery("sort_order") String sortOrder) {
        ItemQueries.Search query = ItemQueries.search(listId, filter, namespaceType, search, page, perPage, sortField,
                sortOrder, true);
        return items.find(query.listIds(), query.namespaceTypes(), query.filters(), query.search(), query.page());
    }
}
