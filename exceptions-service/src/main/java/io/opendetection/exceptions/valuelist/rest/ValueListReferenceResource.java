package io.opendetection.exceptions.valuelist.rest;

import io.opendetection.exceptions.valuelist.service.ReferencesRemoved;
import io.opendetection.exceptions.valuelist.service.ValueListReference;
import io.opendetection.exceptions.valuelist.service.ValueListReferences;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/**
 * What lists-service asks, on its caller's behalf, before it deletes a value list: the exception
 * items (of the caller's space, and agnostic ones) whose list entries name it, and their removal.
 */
@Path("/internal/value-lists/{id}/references")
@Produces(MediaType.APPLICATION_JSON)
public class ValueListReferenceResource {
    @Inject
    ValueListReferences references;

    @GET
    public Uni<List<ValueListReference>> find(@RestPath String id) {
        return references.find(id);
    }

    /** The entries naming the value list go; an item left with none is deleted. */
    @DELETE
    public Uni<ReferencesRemoved> remove(@RestPath String id) {
        return references.remove(id);
    }
}
