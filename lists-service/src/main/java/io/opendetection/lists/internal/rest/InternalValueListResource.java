package io.opendetection.lists.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.lists.item.service.ListItemService;
import io.opendetection.lists.list.service.ValueList;
import io.opendetection.lists.list.service.ValueListService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.math.BigDecimal;
import java.util.List;

import static io.opendetection.common.validation.Presence.REQUIRED;

/**
 * What other services (exceptions-service, rule-service's executors) ask of value lists, on
 * behalf of their caller: a list as the public API returns it, and which of a batch of values
 * are in it.
 */
@Path("/internal/value-lists/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InternalValueListResource {
    /** The most values one membership question may carry. */
    static final int MAX_VALUES = 10_000;
    /** The most values one values request may ask for. */
    static final int MAX_LIMIT = 10_000_000;

    @Inject
    ValueListService lists;

    @Inject
    ListItemService items;

    @GET
    public Uni<ValueList> read(@RestPath String id) {
        return lists.read(id).onFailure(ApiException.class)
                .transform(missing -> ApiException.notFound("list id: \"" + id + "\" does not exist"));
    }

    /**
     * The list's values, for the rule executor to turn an exception item's list entry into a
     * query clause: at most {@code limit} (1 to {@value #MAX_LIMIT}), and whether that was all.
     */
    @GET
    @Path("/values")
    public Uni<ListItemService.ListValues> values(@RestPath String id, @RestQuery String limit) {
        Problems problems = Problems.inQuery();
        ObjectNode query = JsonNodeFactory.instance.objectNode();
        if (limit != null) {
            try {
                query.put("limit", new BigDecimal(limit.strip()));
            } catch (NumberFormatException e) {
                query.put("limit", limit);
            }
        }
        Long max = Fields.of(query, problems).integer("limit", REQUIRED, 1, MAX_LIMIT);
        problems.throwIfAny();
        return items.values(id, max.intValue());
    }

    @POST
    @Path("/_match")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Matches> match(@RestPath String id, JsonNode body) {
        Problems problems = Problems.inBody();
        List<String> values = Fields.of(body, problems).strings("values", REQUIRED, 0, MAX_VALUES);
        problems.throwIfAny();
        return items.matches(id, values).map(Matches::new);
    }

    public record Matches(List<String> matches) {
    }
}
