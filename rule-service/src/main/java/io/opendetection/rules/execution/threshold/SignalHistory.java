package io.opendetection.rules.execution.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opendetection.common.document.Documents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Threshold rules' signal history (ENGINE.md §5) in PostgreSQL: per bucket, the newest event
 * already counted in an alert. Entries older than the window being run are dropped.
 */
@ApplicationScoped
public class SignalHistory {
    private static final String PRUNE = "DELETE FROM threshold_signal_history WHERE rule_id = $1 AND last_signal_timestamp <= $2";
    private static final String LOAD = "SELECT terms::text AS terms, last_signal_timestamp FROM threshold_signal_history"
            + " WHERE rule_id = $1";
    private static final String RECORD = "INSERT INTO threshold_signal_history (rule_id, bucket_key, terms, last_signal_timestamp)"
            + " VALUES ($1, $2, $3::text::jsonb, $4) ON CONFLICT (rule_id, bucket_key) DO UPDATE"
            + " SET last_signal_timestamp = GREATEST(threshold_signal_history.last_signal_timestamp, EXCLUDED.last_signal_timestamp),"
            + " terms = EXCLUDED.terms";

    /** @param terms {@code [{field, value}]} of the bucket */
    public record Entry(ArrayNode terms, Instant lastSignalTimestamp) {
    }

    @Inject
    Pool pool;

    @Inject
    Documents documents;

    public Uni<List<Entry>> current(UUID ruleId, Instant windowFrom) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(ruleId, windowFrom.atOffset(ZoneOffset.UTC)))
                .flatMap(ignored -> pool.preparedQuery(LOAD).execute(Tuple.of(ruleId)))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new Entry(documents.read(row.getString("terms"), ArrayNode.class),
                            row.getOffsetDateTime("last_signal_timestamp").toInstant())));
                    return entries;
                });
    }

    public Uni<Void> record(UUID ruleId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (Entry entry : entries) {
            rows.add(Tuple.of(ruleId, key(entry.terms()), entry.terms().toString(),
                    entry.lastSignalTimestamp().atOffset(ZoneOffset.UTC)));
        }
        return pool.preparedQuery(RECORD).executeBatch(rows).replaceWithVoid();
    }

    static String key(ArrayNode terms) {
        List<String> parts = new ArrayList<>();
        for (JsonNode term : terms) {
            parts.add(term.path("field").asText() + "=" + term.path("value").asText());
        }
        return String.join("\u0000", parts);
    }
}
