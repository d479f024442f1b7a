package io.opendetection.rules.execution.newterms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.rules.execution.alerts.AlertPublisher;
import io.opendetection.rules.execution.alerts.SourceEvent;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.scheduler.DateMath;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code new_terms} rules (ENGINE.md §7), per page of at most 10,000 term combinations: (1) the
 * combinations of {@code new_terms_fields} seen in the window; (2) of those, the ones whose first
 * appearance since {@code history_window_start} lies inside the window, each with (3) the first
 * event that carried it, which becomes the alert's source ({@code kibana.alert.new_terms}: the
 * values). A combination seen before the window in the history is not new.
 */
@ApplicationScoped
public class NewTermsRuleExecutor implements RuleTypeExecutor {
    private static final int PAGE = 10_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        List<String> fields = new ArrayList<>();
        run.rule().path("new_terms_fields").forEach(field -> fields.add(field.asText()));
        Instant historyStart = DateMath.parse(run.rule().path("history_window_start").asText(), run.startedAt())
                .orElseThrow(() -> new IllegalArgumentException("Invalid history_window_start"));
        if (fields.isEmpty() || !historyStart.isBefore(window.from())) {
            throw new IllegalArgumentException("History window size is smaller than rule interval + additional"
                    + " lookback, rule must have a history window size larger than the rule interval + additional"
                    + " lookback in order to generate new terms alerts");
        }
        ObjectNode ruleFilter = RuleQueries.ruleFilter(run.rule(), run.exceptions());
        return page(run, window, fields, historyStart, ruleFilter, null, new int[]{run.maxSignals()});
    }

    private Uni<Void> page(RunContext run, Window window, List<String> fields, Instant historyStart,
                           ObjectNode ruleFilter, JsonNode after, int[] capacity) {
        ObjectNode body = JSON.objectNode();
        body.set("query", RuleQueries.events(ruleFilter, run.timestamps().rangeFilter(window)));
        body.put("size", 0);
        ObjectNode composite = body.putObject("aggs").putObject("new_terms").putObject("composite");
        composite.put("size", PAGE);
        composite.set("sources", sources(fields));
        if (after != null) {
            composite.set("after", after);
        }
        return timed(run, body).flatMap(answer -> {
            JsonNode aggregation = answer.path("aggregations").path("new_terms");
            JsonNode buckets = aggregation.path("buckets");
            if (buckets.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return history(run, window, fields, historyStart, ruleFilter, buckets, capacity).flatMap(ignored -> {
                JsonNode afterKey = aggregation.path("after_key");
                return capacity[0] > 0 && afterKey.isObject() && buckets.size() == PAGE
                        ? page(run, window, fields, historyStart, ruleFilter, afterKey, capacity)
                        : Uni.createFrom().voidItem();
            });
        });
    }

    /** Phases 2 and 3: first appearance of the page's combinations over the history, and the first event of each. */
    private Uni<Void> history(RunContext run, Window window, List<String> fields, Instant historyStart,
                              ObjectNode ruleFilter, JsonNode buckets, int[] capacity) {
        ObjectNode query = RuleQueries.events(ruleFilter,
                run.timestamps().rangeFilter(new Window(historyStart, window.to())));
        ArrayNode filter = (ArrayNode) query.path("bool").path("filter");
        for (String field : fields) {
            ArrayNode values = JSON.arrayNode();
            buckets.forEach(bucket -> values.add(bucket.path("key").path(field)));
            filter.addObject().putObject("terms").set(field, values);
        }
        ObjectNode body = JSON.objectNode();
        body.set("query", query);
        body.put("size", 0);
        ObjectNode terms = body.putObject("aggs").putObject("history");
        ObjectNode composite = terms.putObject("composite");
        composite.put("size", PAGE);
        composite.set("sources", sources(fields));
        ObjectNode sub = terms.putObject("aggs");
        String timestamp = run.timestamps().primary();
        sub.putObject("first_seen").putObject("min").put("field", timestamp);
        ObjectNode topHits = sub.putObject("first_event").putObject("top_hits");
        topHits.put("size", 1);
        topHits.put("version", true);
        topHits.set("sort", run.timestamps().sort("asc"));
        return timed(run, body).flatMap(answer -> {
            List<ObjectNode> documents = new ArrayList<>();
            for (JsonNode bucket : answer.path("aggregations").path("history").path("buckets")) {
                JsonNode firstSeen = bucket.path("first_seen").path("value");
                // Kibana's bucket selector: new only if first seen after the window's start.
                if (!firstSeen.isNumber() || firstSeen.asLong() <= window.from().toEpochMilli()) {
                    continue;
                }
                if (capacity[0] == 0) {
                    run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
                    break;
                }
                JsonNode hit = bucket.path("first_event").path("hits").path("hits").path(0);
                if (!hit.isObject()) {
                    continue;
                }
                SourceEvent event = SourceEvent.of(hit);
                if (AlertBuilder.raisedBy(event.source(), run.ruleId())) {
                    continue;
                }
                ArrayNode newTerms = JSON.arrayNode();
                fields.forEach(field -> newTerms.add(bucket.path("key").path(field)));
                String id = AlertIds.sha256(event.index() + event.id() + event.version() + run.space() + ":"
                        + run.ruleId() + newTerms);
                ObjectNode alert = AlertBuilder.build(run, id, event, event.source(), run.intendedTimestamp(window));
                alert.set("kibana.alert.new_terms", newTerms);
                documents.add(alert);
                capacity[0]--;
            }
            return alerts.publishCreated(run, documents);
        });
    }

    private static ArrayNode sources(List<String> fields) {
        ArrayNode sources = JSON.arrayNode();
        for (String field : fields) {
            sources.addObject().putObject(field).putObject("terms").put("field", field);
        }
        return sources;
    }

    private Uni<JsonNode> timed(RunContext run, ObjectNode body) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return elasticsearch.search(run.indices(), body)
                    .invoke(() -> run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000));
        });
    }
}
