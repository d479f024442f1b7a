package io.opendetection.rules.find.rest;

import io.opendetection.rules.find.service.RuleFinder;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/detection_engine/rules/_find}. */
@Path("/api/detection_engine/rules/_find")
@Produces(MediaType.APPLICATION_JSON)
public class FindRulesResource {
    @Inject
    RuleFinder finder;

    @GET
    public Uni<byte[]> find(@RestQuery String page, @RestQuery("per_page") String perPage,
                                @RestQuery("sort_field") String sortField, @RestQuery("sort_order") String sortOrder,
                                @RestQuery String filter, @RestQuery List<String> fields) {
        // fields come repeated (fields=a&fields=b) or comma-separated (fields=a,b), as clients send them
        List<String> names = new ArrayList<>();
        if (fields != null) {
            fields.forEach(field -> names.addAll(List.of(field.split(","))));
        }
        return finder.find(new RuleFinder.Query(page, perPage, sortField, sortOrder, filter, names));
    }
}
