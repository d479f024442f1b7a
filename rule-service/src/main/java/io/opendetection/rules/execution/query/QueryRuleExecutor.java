package io.opendetection.rules.execution.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertPublisher;
import io.opendetection.rules.execution.alerts.SourceEvent;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.opendetection.rules.execution.suppression.Suppression;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code query} and {@code saved_query} rules (ENGINE.md §3): the events of the window matching
 * the rule's query, filters and exceptions, oldest first, one alert each, up to max_signals.
 * Pages of {@code min(max_signals, 1000)} ({@code detection.executor.query-page-size}; Kibana
 * reads 100 at a time; the alerts are the same, and a rule raising thousands of alerts makes a
 * tenth of the round trips). When max_signals fits one page, a first page that is not full is the
 * whole answer, otherwise the window is read again under a point in time with {@code search_after};
 * when it takes several pages, the window is read under a point in time from the start. Without alert
 * suppression, Kafka acknowledges a page while the next one is read and built: a run of 10,000
 * alerts took 12 s one page after the other, 9 s overlapped.
 * A saved query's own text is not stored here: the rule's {@code query} and {@code filters} run.
 */
@ApplicationScoped
public class QueryRuleExecutor implements RuleTypeExecutor {
    public static final String MAX_SIGNALS_REACHED =
            "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.";
    private static final String KEEP_ALIVE = "5m";
    private static final int UNACKNOWLEDGED_PAGES = 2;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @ConfigProperty(name = "detection.executor.query-page-size")
    int maxPageSize;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        ObjectNode query = RuleQueries.events(RuleQueries.ruleFilter(run.rule(), run.exceptions()),
                run.timestamps().rangeFilter(window));
        Paging paging = new Paging(run, window, query, Math.min(run.maxSignals(), maxPageSize));
        if (run.maxSignals() > paging.pageSize) {
            // max_signals takes several pages to fill: read them all under a point in time at once,
            // rather than read the first page twice.
            return underPointInTime(run, paging);
        }
        return timed(run, elasticsearch.search(run.indices(), paging.body(null, null))).flatMap(first -> {
            JsonNode hits = first.path("hits").path("hits");
            if (hits.size() < paging.pageSize) {
                return paging.take(hits).chain(paging::acknowledged);
            }
            // More than one page: read the window again under a point in time, so pages stay consistent.
            return underPointInTime(run, paging);
        });
    }

    private Uni<Void> underPointInTime(RunContext run, Paging paging) {
        return elasticsearch.openPointInTime(run.indices(), KEEP_ALIVE).flatMap(pit -> {
            paging.pit = pit;
            return paging.next(null)
                    .chain(paging::acknowledged)
                    .eventually(() -> elasticsearch.closePointInTime(paging.pit));
        });
    }

    private static Uni<JsonNode> timed(RunContext run, Uni<JsonNode> search) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return search.invoke(() -> run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000));
        });
    }

    private final class Paging {
        final RunContext run;
        final Window window;
        final ObjectNode query;
        final int pageSize;
        final boolean overlap;
        /** Pages handed to Kafka and not acknowledged yet, oldest first. */
        final Deque<CompletableFuture<Void>> unacknowledged = new ArrayDeque<>();
        int capacity;
        boolean truncated;
        String pit;

        Paging(RunContext run, Window window, ObjectNode query, int pageSize) {
            this.run = run;
            this.window = window;
            this.query = query;
            this.pageSize = pageSize;
            this.capacity = run.maxSignals();
            // Suppression plans a page against the groups the pages before it recorded: one at a time.
            this.overlap = Suppression.of(run.rule()).isEmpty();
        }

        ObjectNode body(String pit, JsonNode searchAfter) {
            ObjectNode body = JSON.objectNode();
            body.set("query", query);
            body.set("sort", run.timestamps().sort("asc"));
            body.put("size", pageSize);
            body.put("version", true);
            body.put("track_total_hits", false);
            if (pit != null) {
                body.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
            }
            if (searchAfter != null) {
                body.set("search_after", searchAfter);
            }
            return body;
        }

        Uni<Void> next(JsonNode searchAfter) {
            return timed(run, elasticsearch.search(null, body(pit, searchAfter))).flatMap(answer -> {
                if (answer.hasNonNull("pit_id")) {
                    pit = answer.get("pit_id").asText();
                }
                JsonNode hits = answer.path("hits").path("hits");
                return take(hits).flatMap(more -> {
                    if (!more || hits.size() < pageSize) {
                        return Uni.createFrom().voidItem();
                    }
                    JsonNode sort = hits.get(hits.size() - 1).path("sort");
                    if (!sort.isArray() || sort.isEmpty() || negative(sort)) {
                        return Uni.createFrom().voidItem();
                    }
                    return next(sort);
                });
            });
        }

        /** Publishes the page's alerts within the capacity left; answers whether to read on. */
        Uni<Boolean> take(JsonNode hits) {
            List<ObjectNode> page = new ArrayList<>();
            for (JsonNode hit : hits) {
                SourceEvent event = SourceEvent.of(hit);
                if (AlertBuilder.raisedBy(event.source(), run.ruleId())) {
                    continue;
                }
                if (page.size() == capacity) {
                    truncated = true;
                    run.warn(MAX_SIGNALS_REACHED);
                    break;
                }
                page.add(AlertBuilder.fromEvent(run, event, run.intendedTimestamp(window)));
            }
            capacity -= page.size();
            // At capacity after a full page, one more page tells whether alerts were left out.
            boolean more = capacity > 0 || !truncated;
            Uni<Void> published = alerts.publishCreated(run, page);
            if (!overlap) {
                return published.replaceWith(more);
            }
            // The next page is read and built while Kafka acknowledges this one (a page waits up to half
            // a second for its acks); at most UNACKNOWLEDGED_PAGES pages are held in memory for that.
            unacknowledged.add(published.subscribeAsCompletionStage());
            return unacknowledged.size() > UNACKNOWLEDGED_PAGES
                    ? Uni.createFrom().completionStage(unacknowledged.poll()).replaceWith(more)
                    : Uni.createFrom().item(more);
        }

        /** Completes once Kafka acknowledged every page, failing if it refused one. */
        Uni<Void> acknowledged() {
            return Uni.createFrom().completionStage(
                    CompletableFuture.allOf(unacknowledged.toArray(CompletableFuture[]::new)));
        }
    }

    /** Kibana stops at a negative sort value (kibana#174573): such cursors page forever. */
    private static boolean negative(JsonNode sort) {
        for (JsonNode value : sort) {
            if (value.isNumber() && value.asLong() < 0) {
                return true;
            }
        }
        return false;
    }
}
