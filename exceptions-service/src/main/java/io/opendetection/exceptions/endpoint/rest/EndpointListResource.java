package io.opendetection.exceptions.endpoint.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.exceptions.endpoint.service.EndpointList;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/endpoint_list}: the list when it is created now, {@code {}} when it existed (Kibana's answer). */
@Path("/api/endpoint_list")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointListResource {
    @Inject
    EndpointList endpointList;

    @Inject
    ObjectMapper json;

    @POST
    public Uni<JsonNode> create() {
        return endpointList.create().map(created -> created.<JsonNode>map(json::valueToTree)
                .orElseGet(json::createObjectNode));
    }
}
