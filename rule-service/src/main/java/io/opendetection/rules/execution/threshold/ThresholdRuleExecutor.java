package io.opendetection.rules.execution.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertPublisher;
import io.opendetection.rules.execution.alerts.SourceEvent;
import io.opendetection.rules.execution.alerts.Uuids;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code threshold} rules (ENGINE.md §5): events of the window counted per group of
 * {@code threshold.field} values with a composite aggregation (paged with {@code after}), buckets
 * at or above {@code threshold.value} (and the cardinality condition) become alerts. Events already
 * counted in an earlier alert of the same bucket (the signal history) are left out of the count.
 */
@ApplicationScoped
public class ThresholdRuleExecutor implements RuleTypeExecutor {
    private static final UUID NAMESPACE = UUID.fromString("0684ec03-7201-4ee0-8ee0-3a3f6b2479b2");
    private static final int PAGE = 10_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @Inject
    SignalHistory history;

    /** A group that reached the threshold. */
    record Bucket(ArrayNode terms, long count, JsonNode cardinality, Instant minTimestamp, Instant maxTimestamp) {
    }

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        JsonNode threshold = run.rule().path("threshold");
        List<String> fields = RuleQueries.fieldNames(threshold.path("field"));
        UUID ruleId = UUID.fromString(run.ruleId());
        return history.current(ruleId, window.from()).flatMap(entries -> {
            ObjectNode query = RuleQueries.events(RuleQueries.ruleFilter(run.rule(), run.exceptions()),
                    run.timestamps().rangeFilter(window));
            ArrayNode mustNot = query.with("bool").putArray("must_not");
            entries.forEach(entry -> mustNot.add(historyFilter(run, entry)));
            List<Bucket> buckets = new ArrayList<>();
            Uni<Void> found = fields.isEmpty() ? total(run, threshold, query, buckets)
                    : page(run, threshold, fields, query, null, buckets);
            return found.flatMap(ignored -> raise(run, window, fields, buckets));
        });
    }

    private Uni<Void> page(RunContext run, JsonNode threshold, List<String> fields, ObjectNode query, JsonNode after,
                           List<Bucket> buckets) {
        ObjectNode body = JSON.objectNode();
        body.set("query", query);
        body.put("size", 0);
        ObjectNode composite = body.putObject("aggs").putObject("thresholdTerms");
        ObjectNode definition = composite.putObject("composite");
        definition.put("size", PAGE);
        ArrayNode sources = definition.putArray("sources");
        for (String field : fields) {
            sources.addObject().putObject(field).putObject("terms").put("field", field);
        }
        if (after != null) {
            definition.set("after", after);
        }
        metrics(run, threshold, composite.putObject("aggs"));
        JsonNode cardinality = threshold.path("cardinality").path(0);
        return timedSearch(run, body).flatMap(answer -> {
            JsonNode aggregation = answer.path("aggregations").path("thresholdTerms");
            for (JsonNode bucket : aggregation.path("buckets")) {
                if (!reached(threshold, bucket.path("doc_count").asLong(), bucket)) {
                    continue;
                }
                ArrayNode terms = JSON.arrayNode();
                for (String field : fields) {
                    terms.addObject().put("field", field).set("value", bucket.path("key").path(field));
                }
                buckets.add(bucket(terms, bucket.path("doc_count").asLong(), bucket, cardinality));
            }
            JsonNode afterKey = aggregation.path("after_key");
            if (afterKey.isObject() && !aggregation.path("buckets").isEmpty() && buckets.size() <= run.maxSignals()) {
                return page(run, threshold, fields, query, afterKey, buckets);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** No group-by field: the whole window is one bucket. */
    private Uni<Void> total(RunContext run, JsonNode threshold, ObjectNode query, List<Bucket> buckets) {
        ObjectNode body = JSON.objectNode();
        body.set("query", query);
        body.put("size", 0);
        body.put("track_total_hits", true);
        metrics(run, threshold, body.putObject("aggs"));
        JsonNode cardinality = threshold.path("cardinality").path(0);
        return timedSearch(run, body).invoke(answer -> {
            long count = answer.path("hits").path("total").path("value").asLong();
            JsonNode aggregations = answer.path("aggregations");
            if (count > 0 && reached(threshold, count, aggregations)) {
                buckets.add(bucket(JSON.arrayNode(), count, aggregations, cardinality));
            }
        }).replaceWithVoid();
    }

    /**
     * Kibana's bucket selectors ({@code count_check}, {@code cardinality_check}), applied here:
     * pipeline aggregations are a module some clusters lack.
     */
    private static boolean reached(JsonNode threshold, long count, JsonNode aggregations) {
        JsonNode cardinality = threshold.path("cardinality").path(0);
        return count >= threshold.path("value").asLong(1) && (!cardinality.isObject()
                || aggregations.path("cardinality_count").path("value").asLong() >= cardinality.path("value").asLong());
    }

    private static void metrics(RunContext run, JsonNode threshold, ObjectNode aggregations) {
        String timestamp = run.timestamps().primary();
        aggregations.putObject("max_timestamp").putObject("max").put("field", timestamp);
        aggregations.putObject("min_timestamp").putObject("min").put("field", timestamp);
        JsonNode cardinality = threshold.path("cardinality").path(0);
        if (cardinality.isObject()) {
            aggregations.putObject("cardinality_count").putObject("cardinality")
                    .put("field", cardinality.path("field").asText());
        }
    }

    private static Bucket bucket(ArrayNode terms, long count, JsonNode aggregations, JsonNode cardinality) {
        JsonNode cardinalityResult = null;
        if (cardinality.isObject()) {
            ArrayNode result = JSON.arrayNode();
            result.addObject().put("field", cardinality.path("field").asText())
                    .put("value", aggregations.path("cardinality_count").path("value").asLong());
            cardinalityResult = result;
        }
        return new Bucket(terms, count, cardinalityResult, instant(aggregations.path("min_timestamp")),
                instant(aggregations.path("max_timestamp")));
    }

    private static Instant instant(JsonNode metric) {
        JsonNode value = metric.path("value");
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : null;
    }

    /** Alerts for the buckets (at most max_signals), then the buckets join the signal history. */
    private Uni<Void> raise(RunContext run, Window window, List<String> fields, List<Bucket> buckets) {
        List<Bucket> raised = buckets;
        if (buckets.size() > run.maxSignals()) {
            run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
            raised = buckets.subList(0, run.maxSignals());
        }
        List<ObjectNode> documents = new ArrayList<>();
        List<SignalHistory.Entry> entries = new ArrayList<>();
        String indices = String.join(",", run.indices());
        for (Bucket bucket : raised) {
            List<String> values = new ArrayList<>();
            bucket.terms().forEach(term -> values.add(term.path("value").asText()));
            java.util.Collections.sort(values);
            String id = Uuids.v5(NAMESPACE, run.ruleId() + Timestamps.of(run.startedAt()) + String.join(",", fields)
                    + String.join(",", values)).toString();
            ObjectNode source = JSON.objectNode();
            if (bucket.maxTimestamp() != null) {
                source.put("@timestamp", Timestamps.of(bucket.maxTimestamp()));
            }
            for (JsonNode term : bucket.terms()) {
                setPath(source, term.path("field").asText(), term.path("value"));
            }
            ObjectNode result = JSON.objectNode();
            result.set("terms", bucket.terms());
            if (bucket.cardinality() != null) {
                result.set("cardinality", bucket.cardinality());
            }
            result.put("count", bucket.count());
            if (bucket.minTimestamp() != null) {
                result.put("from", Timestamps.of(bucket.minTimestamp()));
            }
            ObjectNode alert = AlertBuilder.build(run, id, new SourceEvent(indices, id, "", source), source,
                    run.intendedTimestamp(window));
            alert.set("kibana.alert.threshold_result", result);
            documents.add(alert);
            entries.add(new SignalHistory.Entry(bucket.terms(),
                    bucket.maxTimestamp() == null ? window.to() : bucket.maxTimestamp()));
        }
        return alerts.publishCreated(run, documents)
                .flatMap(ignored -> history.record(UUID.fromString(run.ruleId()), entries));
    }

    /** Events of this bucket up to its last alert's newest event are not counted again. */
    private static ObjectNode historyFilter(RunContext run, SignalHistory.Entry entry) {
        ObjectNode clause = JSON.objectNode();
        ArrayNode filter = clause.putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject(run.timestamps().primary())
                .put("lte", Timestamps.of(entry.lastSignalTimestamp())).put("format", "strict_date_optional_time");
        for (JsonNode term : entry.terms()) {
            filter.addObject().putObject("term").set(term.path("field").asText(), term.path("value"));
        }
        return clause;
    }

    private Uni<JsonNode> timedSearch(RunContext run, ObjectNode body) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return elasticsearch.search(run.indices(), body)
                    .invoke(() -> run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000));
        });
    }

    /** Sets a dotted field as nested objects, as Kibana's {@code set} does. */
    static void setPath(ObjectNode document, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
