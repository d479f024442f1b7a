package io.opendetection.alerts.index.rest;

import io.opendetection.alerts.index.service.AlertsIndexService;
import io.opendetection.common.caller.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The alerts index of the caller's space: {@code /api/detection_engine/index}. */
@Path("/api/detection_engine/index")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsIndexResource {

    @Inject
    Caller caller;

    @Inject
    AlertsIndexService indices;

    @POST
    public Uni<Acknowledged> create() {
        return indices.create(caller.space(), caller.user()).replaceWith(Acknowledged.TRUE);
    }

    @GET
    public Uni<AlertsIndexResponse> read() {
        return indices.read(caller.space()).map(AlertsIndexResponse::of);
    }

    @DELETE
    public Uni<Acknowledged> delete() {
        return indices.delete(caller.space(), caller.user()).replaceWith(Acknowledged.TRUE);
    }
}
