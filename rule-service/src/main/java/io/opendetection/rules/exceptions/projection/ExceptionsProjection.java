package io.opendetection.rules.exceptions.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.common.events.DeadLetterRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

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
    private static final Logger LOG = Logger.getLogger(ExceptionsProjection.class);
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

    @Inject
    @Channel("exceptions-dead-letters")
    MutinyEmitter<Record<String, String>> deadLetters;

    /**
     * Applies a polled batch in order, in one transaction: one commit (one WAL flush) per batch
     * rather than per change is what lets the projection keep up with thousands of changes a
     * second. The batch is acknowledged, and its offsets committed, only after that commit.
     */
    @Incoming("exceptions")
    public Uni<Void> apply(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> unreadable = new ArrayList<>();
        List<Function<SqlConnection, Uni<Void>>> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                Function<SqlConnection, Uni<Void>> change = change(record);
                if (change != null) {
                    changes.add(change);
                }
            } catch (IllegalArgumentException e) {
                unreadable.add(record);
            }
        }
        Uni<Void> applied = changes.isEmpty() ? Uni.createFrom().voidItem()
                : pool.withTransaction(tx -> Multi.createFrom().iterable(changes)
                        .onItem().transformToUniAndConcatenate(change -> change.apply(tx))
                        .collect().last().replaceWithVoid())
                        // PostgreSQL away for a while: the batch waits rather than going to the dead-letter topic
                        .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20);
        return applied.flatMap(done -> sendAside(unreadable));
    }

    /** What applying one record does, or null when it is not rule-service's to keep; throws when it can never apply. */
    private Function<SqlConnection, Uni<Void>> change(ConsumerRecord<String, String> record) {
        UUID key = uuidOrNull(record.key());
        // Only the endpoint list has an id that is not a UUID ("endpoint_list"); rules never apply
        // it (ENGINE.md §2.7, as RuleExceptionItems skips it), so neither it nor its items are kept.
        if (key == null) {
            return null;
        }
        if (record.value() == null) {
            return tx -> remove(tx, key);
        }
        JsonNode change = parse(record.value());
        String space = change.path("space").isTextual() ? change.get("space").asText() : null;
        if (EventTypes.isExceptionItemEvent(header(record, CloudEventHeaders.TYPE))) {
            JsonNode item = change.get("item");
            UUID listId = uuidOrNull(change.path("listId").asText());
            if (listId == null) {
                return null;
            }
            if (item == null || !item.isObject()) {
                throw new IllegalArgumentException("exception item event without its item");
            }
            Tuple row = Tuple.of(key, listId, space, item.toString(), revision(item));
            return tx -> tx.preparedQuery(UPSERT_ITEM).execute(row).replaceWithVoid();
        }
        JsonNode list = change.get("list");
        if (list == null || !list.path("list_id").isTextual()) {
            throw new IllegalArgumentException("exception list event without its list");
        }
        Tuple row = Tuple.of(key, space, list.get("list_id").asText(), list.toString(), revision(list));
        return tx -> tx.preparedQuery(UPSERT_LIST).execute(row).replaceWithVoid();
    }

    /** A deleted list takes its items with it; a deleted item goes alone. */
    private static Uni<Void> remove(SqlConnection tx, UUID id) {
        return tx.preparedQuery("DELETE FROM exception_item_projection WHERE id = $1 OR list_id = $1")
                .execute(Tuple.of(id))
                .flatMap(ignored -> tx.preparedQuery("DELETE FROM exception_list_projection WHERE id = $1")
                        .execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    /** Records that can never be applied go to the dead-letter topic, and the projection goes on. */
    private Uni<Void> sendAside(List<ConsumerRecord<String, String>> unreadable) {
        if (unreadable.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(unreadable.stream().map(record -> {
            LOG.warnf("Exception event %s-%d@%d goes to the dead-letter topic: it is not a change rule-service can read",
                    record.topic(), record.partition(), record.offset());
            return deadLetters.sendMessage(DeadLetterRecord.of(record, "not a readable exception event"));
        }).toList()).andFailFast().replaceWithVoid();
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
