package io.opendetection.rules.tags.rest;

import io.opendetection.common.caller.Caller;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/detection_engine/tags}: every tag of the space's rules. */
@Path("/api/detection_engine/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {
    @Inject
    RuleRepository rules;

    @Inject
    Caller caller;

    @GET
    public Uni<List<String>> tags() {
        return rules.tags(caller.space());
    }
}
