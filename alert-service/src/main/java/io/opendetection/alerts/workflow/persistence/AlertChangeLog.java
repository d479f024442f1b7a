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
 * The audit of alert changes. Before Elasticsearch is asked to make a page of changes they are
 * recorded as one intent ({@code alert_change_intents}); once it answered, the intent is replaced
 * by the changes it made ({@code alert_changes}, the audit proper), each written once. Recording
 * is idempotent: a request records each alert once.
 */
@ApplicationScoped
public class AlertChangeLog {
    private static final String RECORD_INTENT = "INSERT INTO alert_change_intents"
            + " (request_id, space, action, user_name, changed_at, alert_ids, alert_indices, seq_nos, primary_terms, changes)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    // Deleting the intent and inserting what it became in one statement, from the intent's own
    // arrays: when the intent is gone (PendingChanges settled it meanwhile) nothing is inserted, and
    // nothing is returned to publish. $2: the positions (from 1) of the changes made, null for all.
    private static final String RECORD_APPLIED = "WITH intent AS (DELETE FROM alert_change_intents WHERE id = $1"
            + " RETURNING request_id, space, action, user_name, changed_at, alert_ids, alert_indices, seq_nos,"
            + " primary_terms, changes)"
            + " INSERT INTO alert_changes"
            + " (request_id, space, alert_id, alert_index, seq_no, primary_term, action, user_name, changes, changed_at)"
            + " SELECT intent.request_id, intent.space, a.alert_id, a.alert_index, a.seq_no, a.primary_term,"
            + " intent.action, intent.user_name, a.changes::jsonb, intent.changed_at"
            + " FROM intent, unnest(intent.alert_ids, intent.alert_indices, intent.seq_nos, intent.primary_terms,"
            + " intent.changes) WITH ORDINALITY AS a (alert_id, alert_index, seq_no, primary_term, changes, position)"
            + " WHERE $2::int[] IS NULL OR a.position = ANY($2::int[])"
            + " ON CONFLICT (request_id, alert_id) DO NOTHING RETURNING alert_id";
    private static final String STALE = "SELECT id, request_id, space, action, user_name, changed_at, alert_ids,"
            + " alert_indices, seq_nos, primary_terms, changes FROM alert_change_intents"
            + " WHERE recorded_at < now() - make_interval(secs => $1)"
            + " ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED";
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    /** A page of one request's changes, recorded before Elasticsearch was asked to make them. */
    public record Intent(long id, List<RecordedChange> changes) {
    }

    @Inject
    ObjectMapper json;

    /** Records one request's page of changes, before Elasticsearch is asked to make them. */
    public Uni<Intent> recordIntent(SqlClient client, List<RecordedChange> changes) {
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
        return client.preparedQuery(RECORD_INTENT).execute(parameters)
                .map(rows -> new Intent(rows.iterator().next().getLong("id"), changes));
    }

    /**
     * Replaces the intent by the changes Elasticsearch made: {@code made} holds their positions in
     * the intent (from 0); the others are forgotten with it. Answers the alerts whose change this
     * call recorded, the only ones to publish: none when the intent had already been settled.
     */
    public Uni<Set<String>> recordApplied(SqlClient transaction, Intent intent, List<Integer> made) {
        Integer[] positions = null;
        if (made.size() < intent.changes().size()) {
            positions = made.stream().map(position -> position + 1).toArray(Integer[]::new);
        }
        return transaction.preparedQuery(RECORD_APPLIED).execute(Tuple.of(intent.id(), positions)).map(rows -> {
            Set<String> recorded = new HashSet<>();
            rows.forEach(row -> recorded.add(row.getString("alert_id")));
            return recorded;
        });
    }

    /** Intents recorded longer than {@code age} ago, locked for the caller's transaction. */
    public Uni<List<Intent>> staleIntents(SqlClient transaction, Duration age, int limit) {
        return transaction.preparedQuery(STALE).execute(Tuple.of((double) age.toSeconds(), limit)).map(rows -> {
            List<Intent> stale = new ArrayList<>();
            for (Row row : rows) {
                UUID requestId = row.getUUID("request_id");
                String space = row.getString("space");
                String action = row.getString("action");
                String user = row.getString("user_name");
                OffsetDateTime changedAt = row.getOffsetDateTime("changed_at");
                String[] alertIds = row.getArrayOfStrings("alert_ids");
                String[] indices = row.getArrayOfStrings("alert_indices");
                Long[] seqNos = row.getArrayOfLongs("seq_nos");
                Long[] primaryTerms = row.getArrayOfLongs("primary_terms");
                String[] changes = row.getArrayOfStrings("changes");
                List<RecordedChange> page = new ArrayList<>(alertIds.length);
                for (int i = 0; i < alertIds.length; i++) {
                    page.add(new RecordedChange(requestId, space, alertIds[i], indices[i], seqNos[i], primaryTerms[i],
                            action, user, read(changes[i]), changedAt.toInstant()));
                }
                stale.add(new Intent(row.getLong("id"), page));
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
