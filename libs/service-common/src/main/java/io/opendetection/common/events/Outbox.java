package io.opendetection.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: a service appends events with the same connection (and so the same
 * transaction) that writes the change; {@link OutboxRelay} publishes them after commit. A change
 * is therefore never stored without its event, and no event goes out for a change rolled back.
 */
@ApplicationScoped
public class Outbox {
    // One statement however many events: a page of thousands of alert changes is one round trip.
    // Rows are inserted in the order given (ORDER BY the ordinality), so the ids keep the events' order.
    private static final String INSERT = "INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload)"
            + " SELECT e.event_id, e.topic, e.record_key, e.event_type, e.subject, e.payload"
            + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])"
            + " WITH ORDINALITY AS e (event_id, topic, record_key, event_type, subject, payload, position)"
            + " ORDER BY e.position";

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
        int size = events.size();
        UUID[] eventIds = new UUID[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] subjects = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxEvent event = events.get(i);
            eventIds[i] = UUID.randomUUID();
            topics[i] = event.topic();
            keys[i] = event.key();
            types[i] = event.type();
            subjects[i] = event.subject();
            payloads[i] = serialise(event.payload());
        }
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(eventIds, topics, keys, types, subjects, payloads)))
                .replaceWithVoid();
    }

    /**
     * Stores a change and its event in one statement, so neither a transaction nor a second round
     * trip is needed: {@code write} is one INSERT, UPDATE or DELETE with a RETURNING clause over the
     * parameters {@code $1…$n} of {@code params}; the event is stored only when it returned a row.
     *
     * @return whether the write changed a row (and so the event was stored)
     */
    public Uni<Boolean> writeWithEvent(SqlClient client, String write, Tuple params, OutboxEvent event) {
        int next = params.size();
        String statement = "WITH change AS (" + write + ")"
                + " INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload)"
                + " SELECT $" + (next + 1) + ", $" + (next + 2) + ", $" + (next + 3) + ", $" + (next + 4)
                + ", $" + (next + 5) + ", $" + (next + 6) + " FROM change LIMIT 1";
        Tuple all = Tuple.tuple();
        for (int i = 0; i < next; i++) {
            all.addValue(params.getValue(i));
        }
        all.addValue(UUID.randomUUID()).addValue(event.topic()).addValue(event.key()).addValue(event.type())
                .addValue(event.subject()).addValue(serialise(event.payload()));
        return client.preparedQuery(statement).execute(all).map(rows -> rows.rowCount() == 1);
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
