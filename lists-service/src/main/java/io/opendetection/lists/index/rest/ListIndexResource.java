package io.opendetection.lists.index.rest;

import io.opendetection.lists.index.service.Acknowledged;
import io.opendetection.lists.index.service.ListIndexService;
import io.opendetection.lists.index.service.ListIndexStatus;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Kibana's routes for a space's value-list data streams. */
@Path("/api/lists/index")
@Produces(MediaType.APPLICATION_JSON)
public class ListIndexResource {
    @Inject
    ListIndexService indexes;

    @POST
    public Uni<Acknowledged> create() {
        return indexes.create();
    }

    @GET
    public Uni<ListIndexStatus> status() {
        return indexes.status();
    }

    @DELETE
    public Uni<Acknowledged> delete() {
        return indexes.delete();
    }
}
