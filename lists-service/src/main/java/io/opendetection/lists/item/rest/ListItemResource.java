package io.opendetection.lists.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.common.validation.QueryObject;
import io.opendetection.lists.item.service.ImportRequest;
import io.opendetection.lists.item.service.ImportResult;
import io.opendetection.lists.item.service.ListImport;
import io.opendetection.lists.item.service.ListItem;
import io.opendetection.lists.item.service.ListItemService;
import io.opendetection.lists.list.service.ValueList;
import io.opendetection.lists.paging.Filters;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.opendetection.lists.paging.SqlFilter;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.IOException;
import java.io.InputStream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** Kibana's routes for the values of a list. */
@Path("/api/lists/items")
@Produces(MediaType.APPLICATION_JSON)
public class ListItemResource {
    private static final String ID_OR_LIST_ID = "Either \"list_id\" or \"id\" needs to be defined in the request";

    @Inject
    ListItemService items;

    @Inject
    ListImport imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ListItem> create(JsonNode body) {
        return items.create(ListItemBodies.create(body));
    }

    /** One item by id, or by list and value the array of the list's items of that value. */
    @GET
    public Uni<Object> read(@RestQuery String id, @RestQuery("list_id") String listId, @RestQuery String value) {
        identifying(id, listId, value, null);
        if (id != null) {
            return items.read(id).map(item -> item);
        }
        if (listId != null && value != null) {
            return items.readByValue(listId, value).map(found -> found);
        }
        throw ApiException.badRequest(ID_OR_LIST_ID);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ListItem> update(JsonNode body) {
        return items.change(ListItemBodies.change(body, true));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ListItem> patch(JsonNode body) {
        return items.change(ListItemBodies.change(body, false));
    }

    @DELETE
    public Uni<Object> delete(@RestQuery String id, @RestQuery("list_id") String listId, @RestQuery String value,
                              @RestQuery String refresh) {
        identifying(id, listId, value, refresh);
        if (id != null) {
            return items.delete(id).map(item -> item);
        }
        if (listId != null && value != null) {
            return items.deleteByValue(listId, value).map(deleted -> deleted);
        }
        throw ApiException.badRequest(ID_OR_LIST_ID);
    }

    @GET
    @Path("/_find")
    public Uni<Page<ListItem>> find(@RestQuery("list_id") String listId, @RestQuery String page,
                                    @RestQuery("per_page") String perPage, @RestQuery("sort_field") String sortField,
                                    @RestQuery("sort_order") String sortOrder, @RestQuery String cursor,
                                    @RestQuery String filter) {
        Problems problems = Problems.inQuery();
        String validListId = new QueryObject().text("list_id", listId).fields(problems).nonEmptyString("list_id", REQUIRED);
        Map<String, String> query = new HashMap<>();
        query.put("cursor", cursor);
        query.put("filter", filter);
        query.put("page", page);
        query.put("per_page", perPage);
        query.put("sort_field", sortField);
        query.put("sort_order", sortOrder);
        FindRequest request = FindRequest.read(query, problems);
        // the query's own first parameter is the list
        SqlFilter condition = Filters.condition(request.filter(), Filters.ITEMS, 1);
        return items.find(validListId, request, condition.sql(), condition.parameters());
    }

    /**
     * The list's values as a file: one per line, named after the list, streamed. Declared as
     * text so the chunks go out as they are; the answer says application/ndjson as Kibana's does.
     */
    @POST
    @Path("/_export")
    @Produces(MediaType.TEXT_PLAIN)
    public RestMulti<Buffer> export(@RestQuery("list_id") String listId) {
        Problems problems = Problems.inQuery();
        String validListId = new QueryObject().text("list_id", listId).fields(problems).nonEmptyString("list_id", REQUIRED);
        problems.throwIfAny();
        return RestMulti.fromUniResponse(items.exportable(validListId), items::export,
                list -> Map.of("Content-Disposition", List.of("attachment; filename=\"" + list.list().name() + "\""),
                        "Content-Type", List.of("application/ndjson")));
    }

    /**
     * Imports a .txt or .csv file of values (multipart field {@code file}) into the list
     * {@code list_id}, or into a list named after the file, created of {@code type} if need be.
     * The body is read as it arrives, on a worker thread; refused lines come back as warnings.
     */
    @POST
    @Path("/_import")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public RestResponse<ValueList> importItems(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                               @RestQuery("list_id") String listId, @RestQuery String type,
                                               @RestQuery String refresh, @RestQuery String serializer,
                                               @RestQuery String deserializer) throws IOException {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("deserializer", deserializer).text("list_id", listId)
                .text("refresh", refresh).text("serializer", serializer).text("type", type).fields(problems);
        query.string("deserializer", OPTIONAL);
        String validListId = query.nonEmptyString("list_id", OPTIONAL);
        query.oneOf("refresh", OPTIONAL, ListItemBodies.REFRESH);
        query.string("serializer", OPTIONAL);
        String validType = query.oneOf("type", OPTIONAL, ValueList.TYPES);
        problems.throwIfAny();
        ImportResult result = imports.importFile(new ImportRequest(validListId, validType), contentType, contentLength, body);
        RestResponse.ResponseBuilder<ValueList> response = RestResponse.ResponseBuilder.ok(result.list(),
                "application/json; charset=utf-8");
        if (serializer != null) {
            response.header("warning", ignored("serializer"));
        }
        if (deserializer != null) {
            response.header("warning", ignored("deserializer"));
        }
        if (result.refused() > 0) {
            response.header("warning", result.refused() + " of " + (result.refused() + result.imported())
                    + " values were not imported: they are not of the list's type (" + result.list().type() + ")");
            result.refusedLines().forEach(line -> response.header("warning", line));
        }
        return response.build();
    }

    private static String ignored(String parameter) {
        return "The \"" + parameter + "\" query parameter is not supported and will be ignored."
                + " Custom serializers have been removed.";
    }

    private static void identifying(String id, String listId, String value, String refresh) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("id", id).text("list_id", listId).text("refresh", refresh)
                .text("value", value).fields(problems);
        query.nonEmptyString("id", OPTIONAL);
        query.nonEmptyString("list_id", OPTIONAL);
        query.oneOf("refresh", OPTIONAL, ListItemBodies.REFRESH);
        query.string("value", OPTIONAL);
        problems.throwIfAny();
    }
}
