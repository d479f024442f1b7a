package io.opendetection.exceptions.shared.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ExceptionListService;
import io.opendetection.exceptions.list.service.NewExceptionList;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static io.opendetection.common.validation.Presence.REQUIRED;

/**
 * {@code POST /api/exceptions/shared}: a shared exception list, one several rules may use. Kibana
 * makes it a detection list of this space with a generated list_id, from a name and a description.
 */
@Path("/api/exceptions/shared")
@Produces(MediaType.APPLICATION_JSON)
public class SharedExceptionListResource {
    @Inject
    ExceptionListService lists;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExceptionList> create(JsonNode json) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        String description = body.string("description", REQUIRED);
        String name = body.string("name", REQUIRED);
        problems.throwIfAny();
        return lists.create(new NewExceptionList(null, name, description, "detection", NamespaceType.SINGLE,
                List.of(), List.of(), null, 1));
    }
}
