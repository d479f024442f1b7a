package io.opendetection.alerts.search.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.search.service.AlertSearch;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/detection_engine/signals/search}: an Elasticsearch search of the space's alerts. */
@Path("/api/detection_engine/signals/search")
public class AlertSearchResource {
    @Inject
    AlertSearch alerts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> search(JsonNode body) {
        return alerts.search(body);
    }
}
