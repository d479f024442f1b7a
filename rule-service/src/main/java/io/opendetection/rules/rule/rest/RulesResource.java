package io.opendetection.rules.rule.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.rule.persistence.RuleIdentifier;
import io.opendetection.rules.rule.service.RuleService;
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

/** {@code /api/detection_engine/rules}: Kibana's rule CRUD routes (PUT replaces, PATCH merges). */
@Path("/api/detection_engine/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {
    @Inject
    RuleService rules;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> create(JsonNode body) {
        return rules.create(body);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> replace(JsonNode body) {
        return rules.replace(body);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> patch(JsonNode body) {
        return rules.patch(body);
    }

    @GET
    public Uni<ObjectNode> read(@RestQuery String id, @RestQuery("rule_id") String ruleId) {
        return rules.read(RuleIdentifier.of(id, ruleId));
    }

    @DELETE
    public Uni<ObjectNode> delete(@RestQuery String id, @RestQuery("rule_id") String ruleId) {
        return rules.delete(RuleIdentifier.of(id, ruleId));
    }
}
