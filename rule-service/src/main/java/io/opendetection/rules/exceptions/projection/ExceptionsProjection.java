package io.opendetection.rules.exceptions.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Keeps rule-service's copy of every exception list and item current from
 * {@code detection.exceptions.v1}. Each record carries the whole list or item, so applying it is
 * an upsert and a replay changes nothing; a tombstone removes what its key names.
 */
@ApplicationScoped
public class ExceptionsProjection {
    private static final String UPSERT_LIST = "INSERT INTO exception_list_projection (id, space, list_id, body)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (id) DO UPDATE"
            + " SET space = EXCLUDED.space, list_id = EXCLUDED.list_id, body = EXCLUDED.body, applied_at = now()";
    private static final String UPSERT_ITEM = "INSERT INTO exception_item_projection (id, list_id, space, body)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (id) DO UPDATE"
            + " SET list_id = EXCLUDED.list_id, space = EXCLUDED.space, body = EXCLUDED.body, applied_at = now()";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Incoming("exceptions")
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        UUID key = UUID.fromString(record.key());
        if (record.value() == null) {
            return remove(key);
        }
        JsonNode change = parse(record.value());
        String space = change.path("space").isTextual() ? change.get("space").asText() : null;
        if (EventTypes.isExceptionItemEvent(header(record, CloudEventHeaders.TYPE))) {
            return pool.preparedQuery(UPSERT_ITEM)
                    .execute(Tuple.of(key, UUID.fromString(change.get("listId").asText()), space,
                            change.get("item").toString()))
                    .replaceWithVoid();
        }
        JsonNode list = change.get("list");
        return pool.preparedQuery(UPSERT_LIST)
                .execute(Tuple.of(key, space, list.get("list_id").asText(), list.toString()))
                .replaceWithVoid();
    }

    /** A deleted list takes its items with it; a deleted item goes alone. */
    private Uni<Void> remove(UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM exception_item_projection WHERE id = $1 OR list_id = $1")
                .execute(Tuple.of(id))
                .flatMap(ignored -> tx.preparedQuery("DELETE FROM exception_list_projection WHERE id = $1")
                        .execute(Tuple.of(id)))
                .replaceWithVoid());
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            // A record that is not JSON can never be applied: the dead-letter topic takes it.
            throw new IllegalArgumentException("exception event is not JSON", e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
