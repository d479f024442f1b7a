package io.opendetection.alerts.workflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.AlertChange.FieldChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The audit of alert changes ({@code alert_changes}): written {@code pending} before Elasticsearch
 * is asked, then {@code applied} or removed once it answered. Recording is idempotent: a request
 * records each alert once.
 */
@ApplicationScoped
public class AlertChangeLog {
    // One statement for a whole page of alerts: arrays in, rows out.
    private static final String RECORD_PENDING = "INSERT INTO alert_changes"
            + " (request_id, space, alert_id, alert_index, seq_no, primary_term, action, user_name, changes, state, changed_at)"
            + " SELECT $1, $2, a.alert_id, a.alert_index, a.seq_no, a.primary_term, $3, $4, a.changes::jsonb, 'pending', $5"
            + " FROM unnest($6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[])"
            + " AS a (alert_id, alert_index, seq_no, primary_term, changes)"
            + " ON CONFLICT (request_id, alert_id) DO NOTHING";
    private static final String MARK_APPLIED = "UPDATE alert_changes SET state = 'applied'"
            + " WHERE request_id = $1 AND alert_id = ANY($2) AND state = 'pending' RETURNING alert_id";
    private static final String DISCARD = "DELETE FROM alert_changes"
            + " WHERE request_id = $1 AND alert_id = ANY($2) AND state = 'pending'";
    private static final String STALE = "SELECT request_id, space, alert_id, alert_index, seq_no, primary_term, action,"
            + " user_name, changes::text AS changes, changed_at FROM alert_changes"
            + " WHERE state = 'pending' AND recorded_at < now() - make_interval(secs => $1)"
            + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED";
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public Uni<Void> recordPending(SqlClient client, List<RecordedChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        RecordedChange first = changes.get(0);
        int size = changes.size();
        String[] alertIds = new String[size];
        String[] indices = new String[size];
        Long[] seqNos = new Long[size];
        Long[] primaryTerms = new Long[size];
        String[] fieldChanges = new String[size];
        for (int i = 0; i < size; i++) {
            RecordedChange change = changes.get(i);
            alertIds[i] = change.alertId();
            indices[i] = change.index();
            seqNos[i] = change.seqNo();
            primaryTerms[i] = change.primaryTerm();
            fieldChanges[i] = write(change.changes());
        }
        Tuple parameters = Tuple.tuple(List.of(first.requestId(), first.space(), first.action(), first.user(),
                OffsetDateTime.ofInstant(first.changedAt(), ZoneOffset.UTC), alertIds, indices, seqNos, primaryTerms,
                fieldChanges));
        return client.preparedQuery(RECORD_PENDING).execute(parameters).replaceWithVoid();
    }

    /**
     * Marks changes applied; answers the alerts whose change was still pending, the only ones to
     * publish (one that {@link #stalePending} settled meanwhile has been published by it).
     */
    public Uni<Set<String>> markApplied(SqlClient transaction, UUID requestId, List<String> alertIds) {
        if (alertIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return transaction.preparedQuery(MARK_APPLIED).execute(Tuple.of(requestId, alertIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> marked = new HashSet<>();
                    rows.forEach(row -> marked.add(row.getString("alert_id")));
                    return marked;
                });
    }

    /** Forgets changes Elasticsearch did not make. */
    public Uni<Void> discard(SqlClient transaction, UUID requestId, List<String> alertIds) {
        return alertIds.isEmpty() ? Uni.createFrom().voidItem() : transaction.preparedQuery(DISCARD)
                .execute(Tuple.of(requestId, alertIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Changes pending for longer than {@code age}, locked for the caller's transaction. */
    public Uni<List<RecordedChange>> stalePending(SqlClient transaction, Duration age, int limit) {
        return transaction.preparedQuery(STALE).execute(Tuple.of((double) age.toSeconds(), limit)).map(rows -> {
            List<RecordedChange> stale = new ArrayList<>();
            for (Row row : rows) {
                stale.add(new RecordedChange(row.getUUID("request_id"), row.getString("space"),
                        row.getString("alert_id"), row.getString("alert_index"), row.getLong("seq_no"),
                        row.getLong("primary_term"), row.getString("action"), row.getString("user_name"),
                        read(row.getString("changes")), row.getOffsetDateTime("changed_at").toInstant()));
            }
            return stale;
        });
    }

    private String write(List<FieldChange> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert changes are not serialisable", e);
        }
    }

    private List<FieldChange> read(String changes) {
        try {
            return json.readValue(changes, CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert changes are not readable", e);
        }
    }
}
