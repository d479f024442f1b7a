package io.opendetection.rules.ruleexceptions.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opendetection.rules.ruleexceptions.service.RuleExceptionItems;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/detection_engine/rules/{id}/exceptions}: exception items for one rule. */
@Path("/api/detection_engine/rules/{id}/exceptions")
@Produces(MediaType.APPLICATION_JSON)
public class RuleExceptionsResource {
    @Inject
    RuleExceptionItems items;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ArrayNode> add(@PathParam("id") String id, JsonNode body) {
        return items.add(id, body);
    }
}
