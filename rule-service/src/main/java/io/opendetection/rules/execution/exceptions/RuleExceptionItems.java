package io.opendetection.rules.execution.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.document.Documents;
import io.opendetection.rules.rule.model.ExceptionListReferences;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Read-only: the exception items of the lists a rule names in {@code exceptions_list}, from the
 * projection rule-service keeps of detection.exceptions.v1. The endpoint list is not applied
 * (ENGINE.md §2.7); a list of another space is invisible.
 */
@ApplicationScoped
public class RuleExceptionItems {
    private static final String ITEMS = "SELECT body::text AS body FROM exception_item_projection"
            + " WHERE list_id = ANY($1) AND (space IS NULL OR space = $2) ORDER BY list_id, id";

    @Inject
    Pool pool;

    @Inject
    Documents documents;

    public Uni<List<JsonNode>> of(String space, JsonNode rule) {
        List<UUID> lists = new ArrayList<>();
        for (JsonNode list : rule.path("exceptions_list")) {
            if (ExceptionListReferences.isEndpointList(list)) {
                continue;
            }
            try {
                lists.add(UUID.fromString(list.path("id").asText()));
            } catch (IllegalArgumentException e) {
                // not an id any list of ours can have: it names nothing
            }
        }
        if (lists.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(ITEMS).execute(Tuple.of(lists.toArray(UUID[]::new), space)).map(rows -> {
            List<JsonNode> items = new ArrayList<>();
            rows.forEach(row -> items.add(documents.read(row.getString("body"), JsonNode.class)));
            return items;
        });
    }
}
