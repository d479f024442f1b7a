package io.opendetection.exceptions.endpoint.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.endpoint.service.EndpointList;
import io.opendetection.exceptions.item.rest.CreateExceptionItemBody;
import io.opendetection.exceptions.item.rest.ItemQueries;
import io.opendetection.exceptions.item.rest.UpdateExceptionItemBody;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ExceptionItemService;
import io.opendetection.exceptions.namespace.NamespaceType;
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

/** The endpoint list's items: the item routes with list_id and namespace fixed (agnostic). */
@Path("/api/endpoint_list/items")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointListItemResource {
    @Inject
    EndpointList endpointList;

    @Inject
    ExceptionItemService items;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionItem> create(JsonNode body) {
        return endpointList.createItem(CreateExceptionItemBody.readEndpointItem(body));
    }

    @GET
    public Uni<ExceptionItem> read(@RestQuery String id, @RestQuery("item_id") String itemId) {
        ItemQueries.Target target = ItemQueries.target(id, itemId, null,
                ApiException.badRequest("id or item_id required"));
        return items.read(target.reference(), NamespaceType.AGNOSTIC);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionItem> update(JsonNode body) {
        return endpointList.updateItem(UpdateExceptionItemBody.read(body, NamespaceType.AGNOSTIC));
    }

    @DELETE
    public Uni<ExceptionItem> delete(@RestQuery String id, @RestQuery("item_id") String itemId) {
        ItemQueries.Target target = ItemQueries.target(id, itemId, null,
                ApiException.badRequest("Either \"item_id\" or \"id\" needs to be defined in the request"));
        return items.delete(target.reference(), NamespaceType.AGNOSTIC);
    }

    @GET
    @Path("_find")
    public Uni<Page<ExceptionItem>> find(@RestQuery String filter, @RestQuery String page,
                                         @RestQuery("per_page") String perPage,
                                         @RestQuery("sort_field") String sortField,
                                         @RestQuery("sort_order") String sortOrder) {
        ItemQueries.Search query = ItemQueries.search(null, filter, null, null, page, perPage, sortField, sortOrder,
                false);
        return endpointList.findItems(query.filters(), query.page());
    }
}
