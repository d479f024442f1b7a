package io.opendetection.alerts.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.workflow.service.AlertWorkflow;
import io.opendetection.alerts.workflow.service.UpdateByQueryResult;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/detection_engine/signals/{status,tags,assignees}}: answered as update-by-query answers. */
@Path("/api/detection_engine/signals")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertWorkflowResource {
    @Inject
    AlertWorkflow workflow;

    @POST
    @Path("/status")
    public Uni<UpdateByQueryResult> status(JsonNode body) {
        return workflow.setStatus(body);
    }

    @POST
    @Path("/tags")
    public Uni<UpdateByQueryResult> tags(JsonNode body) {
        return workflow.setTags(body);
    }

    @POST
    @Path("/assignees")
    public Uni<UpdateByQueryResult> assignees(JsonNode body) {
        return workflow.setAssignees(body);
    }
}
