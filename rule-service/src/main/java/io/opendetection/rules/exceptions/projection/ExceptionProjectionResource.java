package io.opendetection.rules.exceptions.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.document.Documents;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * Internal (not routed by the gateway): what rule-service currently knows of an exception list,
 * the same view its executors apply. Lets operators and tests see how far the projection is.
 */
@Path("/internal/exception-lists/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionProjectionResource {
    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    Documents documents;

    @Inject
    Caller caller;

    /** The list (by its internal id) with its items, if visible from the caller's space. */
    @GET
    public Uni<ObjectNode> list(@PathParam("id") UUID id) {
        String space = caller.space();
        return pool.preparedQuery("SELECT body::text AS body FROM exception_list_projection"
                        + " WHERE id = $1 AND (space IS NULL OR space = $2)")
                .execute(Tuple.of(id, space))
                .flatMap(lists -> {
                    if (!lists.iterator().hasNext()) {
                        return Uni.createFrom().failure(ApiException.notFound("exception list id: \"" + id + "\" does not exist"));
                    }
                    JsonNode list = parse(lists.iterator().next());
                    return pool.preparedQuery("SELECT body::text AS body FROM exception_item_projection"
                                    + " WHERE list_id = $1 ORDER BY body->>'created_at', id")
                            .execute(Tuple.of(id))
                            .map(items -> {
                                ObjectNode view = json.createObjectNode();
                                view.set("list", list);
                                ArrayNode array = view.putArray("items");
                                items.forEach(row -> array.add(parse(row)));
                                return view;
                            });
                });
    }

    private JsonNode parse(Row row) {
        return documents.read(row.getString("body"), JsonNode.class);
    }
}
