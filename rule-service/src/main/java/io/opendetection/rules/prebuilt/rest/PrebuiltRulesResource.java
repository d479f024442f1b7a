package io.opendetection.rules.prebuilt.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.prebuilt.service.PrebuiltRules;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/detection_engine/rules/prepackaged}: install/upgrade prebuilt rules, and their status. */
@Path("/api/detection_engine/rules/prepackaged")
@Produces(MediaType.APPLICATION_JSON)
public class PrebuiltRulesResource {
    @Inject
    PrebuiltRules prebuilt;

    @PUT
    public Uni<ObjectNode> install() {
        return prebuilt.install();
    }

    @GET
    @Path("_status")
    public Uni<ObjectNode> status() {
        return prebuilt.status();
    }
}
