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
import java.util.Base64;
import java.util.UUID;

/**
 * Keeps rule-service's copy of every exception list and item current from
 * {@code detection.exceptions.v1}. Each record carries the whole list or item, so applying it is
 * an upsert; a tombstone removes what its key names (a list's items have tombstones of their own).
 *
 * <p>Surviving restarts: the projection lives in PostgreSQL and the consumer group's committed
 * offsets say how far it got, so a restarted replica (or another one, after a rebalance) goes on
 * from there, and a new group rebuilds everything from the compacted topic's start. Delivery is at
 * least once, so a record may come again: a document is only replaced by one of the same or a
 * later revision (its {@code _version}), which makes every replay harmless.
 */
@ApplicationScoped
public class ExceptionsProjection {
    private static final String UPSERT_LIST = "INSERT INTO exception_list_projection AS stored (id, space, list_id, body)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (id) DO UPDATE"
            + " SET space = EXCLUDED.space, list_id = EXCLUDED.list_id, body = EXCLUDED.body, applied_at = now()"
            + " WHERE " + storedRevision() + " <= $5";
    private static final String UPSERT_ITEM = "INSERT INTO exception_item_projection AS stored (id, list_id, space, body)"
            + " VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (id) DO UPDATE"
            + " SET list_id = EXCLUDED.list_id, space = EXCLUDED.space, body = EXCLUDED.body, applied_at = now()"
            + " WHERE " + storedRevision() + " <= $5";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Incoming("exceptions")
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        UUID key = uuidOrNull(record.key());
        // Only the endpoint list has an id that is not a UUID ("endpoint_list"); rules never apply
        // it (ENGINE.md §2.7, as RuleExceptionItems skips it), so neither it nor its items are kept.
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        if (record.value() == null) {
            return remove(key);
        }
        JsonNode change = parse(record.value());
        String space = change.path("space").isTextual() ? change.get("space").asText() : null;
        if (EventTypes.isExceptionItemEvent(header(record, CloudEventHeaders.TYPE))) {
            JsonNode item = change.get("item");
            UUID listId = uuidOrNull(change.path("listId").asText());
            if (listId == null) {
                return Uni.createFrom().voidItem();
            }
            return pool.preparedQuery(UPSERT_ITEM)
                    .execute(Tuple.of(key, listId, space, item.toString(), revision(item)))
                    .replaceWithVoid();
        }
        JsonNode list = change.get("list");
        return pool.preparedQuery(UPSERT_LIST)
                .execute(Tuple.of(key, space, list.get("list_id").asText(), list.toString(), revision(list)))
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

    /**
     * The revision a document's {@code _version} carries: base64 of {@code [revision,1]}; -1 for a
     * document without one, which any later document replaces.
     */
    static int revision(JsonNode document) {
        JsonNode version = document.get("_version");
        if (version == null || !version.isTextual()) {
            return -1;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(version.asText()), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring(1, decoded.indexOf(',')).trim());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** The same, in SQL, of the row already stored (aliased {@code stored}). */
    private static String storedRevision() {
        return "(CASE WHEN stored.body->>'_version' ~ '^[A-Za-z0-9+/]+=*$' THEN"
                + " COALESCE(substring(convert_from(decode(stored.body->>'_version', 'base64'), 'UTF8')"
                + " FROM '^\\[\\s*(\\d+)\\s*,')::int, -1) ELSE -1 END)";
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            // A record that is not JSON can never be applied: the dead-letter topic takes it.
            throw new IllegalArgumentException("exception event is not JSON", e);
        }
    }

    private static UUID uuidOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
