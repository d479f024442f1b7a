package io.opendetection.lists.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.common.validation.QueryObject;
import io.opendetection.lists.list.service.ListPrivileges;
import io.opendetection.lists.list.service.ValueList;
import io.opendetection.lists.list.service.ValueListService;
import io.opendetection.lists.paging.Filters;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.opendetection.lists.paging.SqlFilter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** Kibana's value list routes. */
@Path("/api/lists")
@Produces(MediaType.APPLICATION_JSON)
public class ValueListResource {
    private static final List<String> BOOLEANS = List.of("true", "false");

    @Inject
    ValueListService lists;

    @Inject
    ListPrivileges privileges;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ValueList>> create(JsonNode body) {
        CreateValueListBody request = CreateValueListBody.read(body);
        return lists.create(request.list()).map(list -> {
            RestResponse.ResponseBuilder<ValueList> response = RestResponse.ResponseBuilder.ok(list);
            request.warnings().forEach(warning -> response.header("warning", warning));
            return response.build();
        });
    }

    @GET
    public Uni<ValueList> read(@RestQuery String id) {
        return lists.read(requiredId(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ValueList> update(JsonNode body) {
        return lists.change(ChangeValueListBody.read(body, true));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ValueList> patch(JsonNode body) {
        return lists.change(ChangeValueListBody.read(body, false));
    }

    /** Deletes the list and its values, minding the exception items that name it as Kibana does. */
    @DELETE
    public Uni<ValueList> delete(@RestQuery String id, @RestQuery String deleteReferences,
                                 @RestQuery String ignoreReferences) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("deleteReferences", deleteReferences).text("id", id)
                .text("ignoreReferences", ignoreReferences).fields(problems);
        String deleting = query.oneOf("deleteReferences", OPTIONAL, BOOLEANS);
        String validId = query.nonEmptyString("id", REQUIRED);
        String ignoring = query.oneOf("ignoreReferences", OPTIONAL, BOOLEANS);
        problems.throwIfAny();
        return lists.delete(validId, "true".equals(deleting), "true".equals(ignoring));
    }

    @GET
    @Path("/_find")
    public Uni<Page<ValueList>> find(@RestQuery String page, @RestQuery("per_page") String perPage,
                                     @RestQuery("sort_field") String sortField,
                                     @RestQuery("sort_order") String sortOrder, @RestQuery String cursor,
                                     @RestQuery String filter) {
        Map<String, String> query = new HashMap<>();
        query.put("cursor", cursor);
        query.put("filter", filter);
        query.put("page", page);
        query.put("per_page", perPage);
        query.put("sort_field", sortField);
        query.put("sort_order", sortOrder);
        FindRequest request = FindRequest.read(query, Problems.inQuery());
        // the query's own first parameter is the space
        SqlFilter condition = Filters.condition(request.filter(), Filters.LISTS, 1);
        return lists.find(request, condition.sql(), condition.parameters());
    }

    @GET
    @Path("/privileges")
    public ListPrivileges.Answer readPrivileges() {
        return privileges.ofCaller();
    }

    private static String requiredId(String id) {
        Problems problems = Problems.inQuery();
        String validId = new QueryObject().text("id", id).fields(problems).nonEmptyString("id", REQUIRED);
        problems.throwIfAny();
        return validId;
    }
}
