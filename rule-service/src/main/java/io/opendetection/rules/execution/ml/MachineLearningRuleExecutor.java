package io.opendetection.rules.execution.ml;

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
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code machine_learning} rules: the anomaly records of the rule's jobs in
 * {@code .ml-anomalies-*} (final, not interim) whose {@code record_score} is at least
 * {@code anomaly_threshold}, timed inside the window, minus the exceptions; one alert each, up to
 * max_signals, dated by the record's {@code timestamp}. The jobs themselves belong to Elasticsearch.
 */
@ApplicationScoped
public class MachineLearningRuleExecutor implements RuleTypeExecutor {
    static final List<String> ANOMALIES = List.of(".ml-anomalies-*");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        ObjectNode body = JSON.objectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("result_type", "record");
        filter.addObject().putObject("term").put("is_interim", false);
        ArrayNode jobs = JSON.arrayNode();
        JsonNode jobIds = run.rule().path("machine_learning_job_id");
        if (jobIds.isArray()) {
            jobIds.forEach(jobs::add);
        } else {
            jobs.add(jobIds.asText());
        }
        filter.addObject().putObject("terms").set("job_id", jobs);
        filter.addObject().putObject("range").putObject("record_score")
                .put("gte", run.rule().path("anomaly_threshold").asDouble());
        filter.addObject().putObject("range").putObject("timestamp")
                .put("gte", Timestamps.of(window.from())).put("lte", Timestamps.of(window.to()))
                .put("format", "strict_date_optional_time");
        if (run.exceptions() != null) {
            bool.putArray("must_not").add(run.exceptions());
        }
        body.put("size", run.maxSignals() + 1);
        body.put("version", true);
        body.putArray("sort").addObject().putObject("record_score").put("order", "desc");
        long start = System.nanoTime();
        return elasticsearch.search(ANOMALIES, body).flatMap(answer -> {
            run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000);
            List<ObjectNode> documents = new ArrayList<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                if (documents.size() == run.maxSignals()) {
                    run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
                    break;
                }
                SourceEvent record = SourceEvent.of(hit);
                ObjectNode source = record.source().deepCopy();
                JsonNode timestamp = source.path("timestamp");
                if (timestamp.isNumber()) {
                    source.put("@timestamp", Timestamps.of(java.time.Instant.ofEpochMilli(timestamp.asLong())));
                } else if (timestamp.isTextual()) {
                    source.put("@timestamp", timestamp.asText());
                }
                documents.add(AlertBuilder.build(run, io.opendetection.rules.execution.alerts.AlertIds.forEvent(
                        record.index(), record.id(), record.version(), run.space(), run.ruleId()), record, source,
                        run.intendedTimestamp(window)));
            }
            return alerts.publishCreated(run, documents);
        });
    }
}
