package io.opendetection.rules.execution.esql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertIds;
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
 * {@code esql} rules (ENGINE.md §8): the query sent to {@code _query} with {@code | limit} of
 * max_signals + 1 and the window (and exceptions) as its {@code filter}. One alert per row. A row
 * with {@code _id} (a query with {@code METADATA _id, _index, _version}) is an event: its alert id
 * is stable across runs; rows of an aggregating query get ids that depend on the window, the query
 * and the row's position, so they repeat only within the same window.
 */
@ApplicationScoped
public class EsqlRuleExecutor implements RuleTypeExecutor {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        String query = run.rule().path("query").asText();
        ObjectNode body = JSON.objectNode();
        body.put("query", query + "\n| limit " + (run.maxSignals() + 1));
        ObjectNode bool = body.putObject("filter").putObject("bool");
        bool.putArray("filter").add(run.timestamps().rangeFilter(window));
        if (run.exceptions() != null) {
            bool.putArray("must_not").add(run.exceptions());
        }
        long start = System.nanoTime();
        return elasticsearch.esql(body).flatMap(answer -> {
            run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000);
            List<String> columns = new ArrayList<>();
            answer.path("columns").forEach(column -> columns.add(column.path("name").asText()));
            List<ObjectNode> documents = new ArrayList<>();
            int rowIndex = 0;
            for (JsonNode row : answer.path("values")) {
                if (documents.size() == run.maxSignals()) {
                    run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
                    break;
                }
                ObjectNode fields = JSON.objectNode();
                for (int i = 0; i < columns.size(); i++) {
                    String column = columns.get(i);
                    if (!column.startsWith("_") && !row.path(i).isNull()) {
                        setPath(fields, column, row.path(i));
                    }
                }
                int idColumn = columns.indexOf("_id");
                String id;
                SourceEvent ancestor = null;
                if (idColumn >= 0 && row.path(idColumn).isTextual()) {
                    String index = text(row, columns.indexOf("_index"));
                    String version = text(row, columns.indexOf("_version"));
                    ancestor = new SourceEvent(index, row.path(idColumn).asText(), version, fields);
                    id = AlertIds.sha256(ancestor.id() + version + index + run.space() + ":" + run.ruleId());
                    if (AlertBuilder.raisedBy(fields, run.ruleId())) {
                        rowIndex++;
                        continue;
                    }
                } else {
                    id = AlertIds.sha256(Timestamps.of(window.from()) + Timestamps.of(window.to()) + query
                            + run.space() + ":" + run.ruleId() + rowIndex);
                }
                documents.add(AlertBuilder.build(run, id, ancestor, fields, run.intendedTimestamp(window)));
                rowIndex++;
            }
            return alerts.publishCreated(run, documents);
        });
    }

    private static String text(JsonNode row, int column) {
        return column < 0 || row.path(column).isNull() ? "" : row.path(column).asText();
    }

    /** A column named with dots becomes nested objects, as in the source documents. */
    private static void setPath(ObjectNode document, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = document;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
