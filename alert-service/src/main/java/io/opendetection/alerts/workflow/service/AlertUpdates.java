package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson.Answer;
import io.opendetection.alerts.index.service.AlertsIndexName;
import io.opendetection.alerts.workflow.persistence.AlertChangeLog;
import io.opendetection.alerts.workflow.persistence.RecordedChange;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.common.document.Timestamps;
import io.opendetection.contracts.events.AlertChange;
import io.opendetection.contracts.events.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one request's change to the alerts it selects, as update-by-query would, with neither
 * update-by-query nor scripts (the Elasticsearch we run against has neither) and with every change
 * recorded: the selection is read page by page through a point in time ({@code search_after}),
 * each page's changes computed here, and written with one {@code _bulk} that indexes each changed
 * alert whole, conditional on its {@code _seq_no} (a concurrent change is a version conflict, never
 * overwritten), as update-by-query itself writes. Indexing the whole alert, rather than a partial
 * update, spares Elasticsearch reading and re-parsing every alert it changes. Several pages are in
 * flight at once ({@code detection.alerts.update.concurrency}), so Elasticsearch indexes on more
 * than one thread while PostgreSQL records. The index is refreshed before answering, as Kibana's
 * routes do.
 *
 * <p>Order per page, and what a crash does: (1) the page's changes are recorded as one intent;
 * (2) Elasticsearch writes them; (3) in one transaction, the intent is deleted and the changes
 * Elasticsearch made are recorded with their events in the outbox. A crash after (1) leaves an
 * intent whose fate Elasticsearch knows: {@link PendingChanges} later settles it by reading each
 * alert (written after our read and holding our values: recorded and published; otherwise
 * forgotten). So nothing Elasticsearch changed goes unrecorded, and nothing is published that it
 * did not change.
 */
@ApplicationScoped
public class AlertUpdates {
    private static final String KEEP_ALIVE = "2m";
    // Only what is read comes back: a page's hits without their score, a bulk's items with only
    // their status and error, not the index, id, version and shards Elasticsearch writes for each.
    private static final Map<String, String> PAGE_PARAMETERS = Map.of("filter_path", "pit_id,hits.hits._id,"
            + "hits.hits._index,hits.hits._seq_no,hits.hits._primary_term,hits.hits._source,hits.hits.sort");
    private static final Map<String, String> BULK_PARAMETERS = Map.of("filter_path", "items.*.status,items.*.error");
    private static final SerializedString NEW_LINE = new SerializedString("\n");

    @Inject
    ElasticsearchJson elasticsearch;

    @Inject
    AlertChangeLog changeLog;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "detection.alerts.update.page-size")
    int pageSize;

    @ConfigProperty(name = "detection.alerts.update.conflict-retries")
    int conflictRetries;

    @ConfigProperty(name = "detection.alerts.update.concurrency")
    int concurrency;

    /** {@code at} is the request's time: the audit's, and the one the edit writes. */
    public Uni<UpdateByQueryResult> apply(String space, String user, AlertSelection selection, AlertEdit edit,
                                          Conflicts conflicts, Instant at) {
        Run run = new Run(new AlertsIndexName(space), user, selection, edit, conflicts, UUID.randomUUID(), at);
        return openPointInTime(run).flatMap(pit -> pit == null ? Uni.createFrom().voidItem()
                        : pages(run).eventually(() -> closePointInTime(run.pit)))
                .chain(() -> run.updated > 0 ? refresh(run) : Uni.createFrom().voidItem())
                .map(done -> {
                    if (run.aborted != null) {
                        throw ApiException.conflict("version conflict on alert \"" + run.aborted
                                + "\", which changed since it was selected: " + run.updated + " of the "
                                + run.total + " alerts read were changed before the update stopped"
                                + " (conflicts: \"abort\"); run it again, or with conflicts \"proceed\"");
                    }
                    return run.result();
                });
    }

    /** The point in time the selection is read from; null when the space has no alerts index. */
    private Uni<String> openPointInTime(Run run) {
        return elasticsearch.send("POST", "/" + run.index.alias() + "/_pit", Map.of("keep_alive", KEEP_ALIVE),
                (String) null).map(answer -> {
                    if (answer.status() == 404) {
                        return null;
                    }
                    failUnless(answer);
                    run.pit = answer.body().path("id").asText();
                    return run.pit;
                });
    }

    private Uni<Void> closePointInTime(String pit) {
        ObjectNode body = json.createObjectNode().put("id", pit);
        return elasticsearch.send("DELETE", "/_pit", Map.of(), body).replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Reads the selection page by page (each page after the last one's sort values) and applies up
     * to {@code concurrency} pages at once. After a failure or an abort no page is started, but the
     * pages in flight finish, so what they changed is recorded and counted.
     */
    private Uni<Void> pages(Run run) {
        return Multi.createBy().repeating().uni(() -> nextPage(run)).until(JsonNode::isEmpty)
                .onItem().transformToUni(hits -> applyPage(run, hits, 0)
                        .onFailure().invoke(failure -> run.failed = true))
                .collectFailures().merge(concurrency)
                .collect().last().replaceWithVoid();
    }

    private Uni<JsonNode> nextPage(Run run) {
        if (run.exhausted || run.failed || run.aborted != null) {
            return Uni.createFrom().item(json.createArrayNode());
        }
        return page(run, run.searchAfter).invoke(hits -> {
            run.exhausted = hits.size() < pageSize;
            if (!hits.isEmpty()) {
                run.batches++;
                run.total += hits.size();
                run.searchAfter = hits.get(hits.size() - 1).get("sort");
            }
        });
    }

    private Uni<JsonNode> page(Run run, JsonNode searchAfter) {
        return elasticsearch.send("POST", "/_search", PAGE_PARAMETERS, pageRequest(run, searchAfter)).map(answer -> {
            if (!answer.ok()) {
                throw SelectionErrors.refused(answer, run.selection);
            }
            run.pit = answer.body().path("pit_id").asText(run.pit);
            return answer.body().path("hits").path("hits");
        });
    }

    private ObjectNode pageRequest(Run run, JsonNode searchAfter) {
        ObjectNode request = json.createObjectNode();
        request.put("size", pageSize);
        request.putObject("pit").put("id", run.pit).put("keep_alive", KEEP_ALIVE);
        request.putArray("sort").addObject().put("_shard_doc", "asc");
        if (searchAfter != null) {
            request.set("search_after", searchAfter);
        }
        request.set("query", run.selection.query());
        if (run.selection.runtimeMappings() != null) {
            request.set("runtime_mappings", run.selection.runtimeMappings());
        }
        request.put("seq_no_primary_term", true);
        request.put("track_total_hits", false);
        return request;
    }

    /** Changes one page of alerts; conflicts are retried on the alerts as they are now when the request asks so. */
    private Uni<Void> applyPage(Run run, JsonNode hits, int attempt) {
        List<RecordedChange> changes = new ArrayList<>();
        List<ObjectNode> documents = new ArrayList<>();
        Instant changedAt = run.startedAt;
        for (JsonNode hit : hits) {
            AlertEdit.Edit edit = run.edit.edit(hit.path("_source"));
            if (edit == null) {
                run.noops++;
                continue;
            }
            changes.add(new RecordedChange(run.requestId, run.index.space(), hit.path("_id").asText(),
                    hit.path("_index").asText(), hit.path("_seq_no").asLong(), hit.path("_primary_term").asLong(),
                    run.edit.action(), run.user, edit.changes(), changedAt));
            documents.add(AlertFields.merge((ObjectNode) hit.path("_source"), edit.document()));
        }
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return changeLog.recordIntent(pool, changes)
                .flatMap(intent -> elasticsearch.send("POST", "/_bulk", BULK_PARAMETERS, bulkBody(changes, documents))
                        .flatMap(answer -> {
                            failUnless(answer);
                            return settle(run, intent, answer.body().path("items"));
                        }))
                .flatMap(conflicted -> {
                    if (conflicted.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (run.conflicts == Conflicts.RETRY && attempt < conflictRetries) {
                        return reread(run, conflicted).flatMap(fresh -> applyPage(run, fresh, attempt + 1));
                    }
                    run.versionConflicts += conflicted.size();
                    if (run.conflicts == Conflicts.ABORT && run.aborted == null) {
                        run.aborted = conflicted.get(0);
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** The bulk's lines written straight as UTF-8: no document is turned into a string first. */
    private byte[] bulkBody(List<RecordedChange> changes, List<ObjectNode> documents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(changes.size() * 2048);
        try (JsonGenerator lines = json.getFactory().createGenerator(body)) {
            lines.setRootValueSeparator(NEW_LINE);
            for (int i = 0; i < changes.size(); i++) {
                RecordedChange change = changes.get(i);
                lines.writeStartObject();
                lines.writeObjectFieldStart("index");
                lines.writeStringField("_index", change.index());
                lines.writeStringField("_id", change.alertId());
                lines.writeNumberField("if_seq_no", change.seqNo());
                lines.writeNumberField("if_primary_term", change.primaryTerm());
                lines.writeEndObject();
                lines.writeEndObject();
                json.writeTree(lines, documents.get(i));
            }
            lines.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    /**
     * Records what Elasticsearch did: the intent becomes the changes it made, with their events, in
     * one transaction; the others are forgotten. Answers the ids of the alerts in version conflict.
     */
    private Uni<List<String>> settle(Run run, AlertChangeLog.Intent intent, JsonNode items) {
        List<RecordedChange> changes = intent.changes();
        List<Integer> made = new ArrayList<>();
        List<String> conflicted = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            RecordedChange change = changes.get(i);
            JsonNode item = items.path(i).path("index");
            int status = item.path("status").asInt(500);
            if (status < 300) {
                made.add(i);
            } else if (status == 409) {
                conflicted.add(change.alertId());
            } else {
                run.failures.add(failure(change, item, status));
            }
        }
        run.updated += made.size();
        return pool.withTransaction(tx -> recordMade(tx, intent, made))
                .invoke(outbox::committed)
                .replaceWith(conflicted);
    }

    /**
     * In the caller's transaction: the intent becomes the changes Elasticsearch made ({@code made}:
     * their positions in it), and those this call recorded get their events. Also how
     * {@link PendingChanges} settles an abandoned intent.
     */
    Uni<Void> recordMade(SqlClient transaction, AlertChangeLog.Intent intent, List<Integer> made) {
        return changeLog.recordApplied(transaction, intent, made)
                .flatMap(recorded -> outbox.append(transaction, made.stream().map(intent.changes()::get)
                        .filter(change -> recorded.contains(change.alertId()))
                        .map(AlertUpdates::event).toList()));
    }

    /** The alerts as they are now, for another attempt after a version conflict. */
    private Uni<JsonNode> reread(Run run, List<String> ids) {
        ObjectNode request = json.createObjectNode();
        request.put("size", ids.size());
        request.set("query", AlertSelection.byIds(ids).query());
        request.put("seq_no_primary_term", true);
        // A conflicted alert was re-read once per conflict: the run itself stays one search.
        return elasticsearch.send("POST", "/" + run.index.alias() + "/_search", Map.of(), request).map(answer -> {
            failUnless(answer);
            return answer.body().path("hits").path("hits");
        });
    }

    private Uni<Void> refresh(Run run) {
        return elasticsearch.send("POST", "/" + run.index.alias() + "/_refresh", Map.of(), (String) null)
                .replaceWithVoid();
    }

    static OutboxEvent event(RecordedChange change) {
        return new OutboxEvent(Topics.ALERT_CHANGES, change.alertId(), change.eventType(), change.alertId(),
                new AlertChange(change.space(), change.alertId(), change.requestId().toString(), change.user(),
                        Timestamps.of(change.changedAt()), change.changes()));
    }

    /** An update-by-query failure entry: which alert, and Elasticsearch's reason. */
    private ObjectNode failure(RecordedChange change, JsonNode item, int status) {
        ObjectNode failure = json.createObjectNode();
        failure.put("index", change.index()).put("id", change.alertId());
        failure.set("cause", item.path("error").isMissingNode() ? json.createObjectNode() : item.get("error"));
        failure.put("status", status);
        return failure;
    }

    private static void failUnless(Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("Elasticsearch answered " + answer.status() + ": " + answer.errorReason());
        }
    }

    /** One request's progress. */
    private static final class Run {
        final AlertsIndexName index;
        final String user;
        final AlertSelection selection;
        final AlertEdit edit;
        final Conflicts conflicts;
        final UUID requestId;
        final Instant startedAt;
        final long startedNanos = System.nanoTime();
        final List<JsonNode> failures = new ArrayList<>();
        String pit;
        JsonNode searchAfter;
        boolean exhausted;
        boolean failed;
        String aborted;
        long total;
        long updated;
        long batches;
        long versionConflicts;
        long noops;

        Run(AlertsIndexName index, String user, AlertSelection selection, AlertEdit edit, Conflicts conflicts,
            UUID requestId, Instant startedAt) {
            this.index = index;
            this.user = user;
            this.selection = selection;
            this.edit = edit;
            this.conflicts = conflicts;
            this.requestId = requestId;
            this.startedAt = startedAt;
        }

        UpdateByQueryResult result() {
            long took = (System.nanoTime() - startedNanos) / 1_000_000;
            return new UpdateByQueryResult(took, false, total, updated, 0, batches, versionConflicts, noops,
                    new UpdateByQueryResult.Retries(0, 0), 0, -1, 0, List.copyOf(failures));
        }
    }
}
