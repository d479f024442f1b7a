package io.opendetection.lists.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.validation.Problems;
import io.opendetection.common.validation.QueryObject;
import io.opendetection.lists.list.service.ValueList;
import io.opendetection.lists.list.service.ValueListService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import static io.opendetection.common.validation.Presence.REQUIRED;

/** Kibana's value list routes. */
@Path("/api/lists")
@Produces(MediaType.APPLICATION_JSON)
public class ValueListResource {
    @Inject
    ValueListService lists;

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
        Problems problems = Problems.inQuery();
        String validId = new QueryObject().text("id", id).fields(problems).nonEmptyString("id", REQUIRED);
        problems.throwIfAny();
        return lists.read(validId);
    }
}
