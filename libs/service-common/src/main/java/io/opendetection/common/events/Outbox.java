package io.opendetection.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: a service appends events with the same connection (and so the same
 * transaction) that writes the change; {@link OutboxRelay} publishes them after commit. A change
 * is therefore never stored without its event, and no event goes out for a change rolled back.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload)"
            + " VALUES ($1, $2, $3, $4, $5, $6)";

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRelay relay;

    /** Appends inside the caller's transaction: pass the transaction's connection. */
    public Uni<Void> append(SqlClient transaction, OutboxEvent event) {
        return append(transaction, List.of(event));
    }

    public Uni<Void> append(SqlClient transaction, List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            rows.add(Tuple.from(List.of(UUID.randomUUID(), event.topic(), event.key(), event.type(), event.subject()))
                    .addString(serialise(event.payload())));
        }
        return transaction.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /** Call after the transaction committed, so its events go out now rather than at the next poll. */
    public void committed() {
        relay.nudge();
    }

    private String serialise(Object payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable", e);
        }
    }
}
