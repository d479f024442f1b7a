package io.opendetection.rules.execution.threatmatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertPublisher;
import io.opendetection.rules.execution.alerts.Paths;
import io.opendetection.rules.execution.alerts.SourceEvent;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.opendetection.rules.execution.suppression.Suppression;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code threat_match} (indicator match) rules (ENGINE.md §6), from the indicator side: the
 * indicators of {@code threat_index} matching {@code threat_query}/{@code threat_filters} are read
 * in chunks (point in time, {@code search_after}); each chunk becomes one query on the events of
 * the window: an OR over indicators of the rule's {@code threat_mapping} (an OR of entry groups, an
 * AND within a group), each clause named so the matched indicators come back with the event. An
 * event matched by several chunks is one alert with every match in {@code threat.enrichments}.
 */
@ApplicationScoped
public class ThreatMatchRuleExecutor implements RuleTypeExecutor {
    /** Indicators per event query: keeps clause counts far below Elasticsearch's limit. */
    static final int CHUNK = 1000;
    private static final String KEEP_ALIVE = "5m";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    /** An event that matched, with what it matched so far. */
    private record Matched(SourceEvent event, ArrayNode enrichments) {
    }

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        JsonNode rule = run.rule();
        List<String> threatIndices = run.threatIndices();
        ObjectNode threatFilter = RuleQueries.filter(rule.path("threat_query").asText(""),
                rule.path("threat_language").asText("kuery"), rule.path("threat_filters"), null);
        int chunk = Math.min(CHUNK, Math.max(1, rule.path("items_per_search").asInt(CHUNK)));
        Map<String, Matched> matches = new LinkedHashMap<>();
        return elasticsearch.openPointInTime(threatIndices, KEEP_ALIVE).flatMap(pit -> {
            String[] current = {pit};
            return indicators(run, window, threatFilter, chunk, current, null, matches)
                    .eventually(() -> elasticsearch.closePointInTime(current[0]));
        }).flatMap(ignored -> raise(run, window, matches));
    }

    private Uni<Void> indicators(RunContext run, Window window, ObjectNode threatFilter, int chunk, String[] pit,
                                 JsonNode searchAfter, Map<String, Matched> matches) {
        ObjectNode body = JSON.objectNode();
        body.set("query", threatFilter);
        body.put("size", chunk);
        body.putObject("pit").put("id", pit[0]).put("keep_alive", KEEP_ALIVE);
        body.putArray("sort").addObject().putObject("_shard_doc").put("order", "asc");
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        return timed(run, elasticsearch.search(null, body)).flatMap(answer -> {
            if (answer.hasNonNull("pit_id")) {
                pit[0] = answer.get("pit_id").asText();
            }
            JsonNode hits = answer.path("hits").path("hits");
            if (hits.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return events(run, window, hits, matches).flatMap(ignored -> hits.size() < chunk
                    ? Uni.createFrom().voidItem()
                    : indicators(run, window, threatFilter, chunk, pit, hits.get(hits.size() - 1).path("sort"), matches));
        });
    }

    /** The events of the window that match one chunk of indicators. */
    private Uni<Void> events(RunContext run, Window window, JsonNode indicators, Map<String, Matched> matches) {
        JsonNode mapping = run.rule().path("threat_mapping");
        ArrayNode should = JSON.arrayNode();
        for (int i = 0; i < indicators.size(); i++) {
            JsonNode indicator = indicators.get(i).path("_source");
            for (int group = 0; group < mapping.size(); group++) {
                ObjectNode clause = groupClause(indicator, mapping.get(group).path("entries"), i + ":" + group);
                if (clause != null) {
                    should.add(clause);
                }
            }
        }
        if (should.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode query = RuleQueries.events(RuleQueries.ruleFilter(run.rule(), run.exceptions()),
                run.timestamps().rangeFilter(window));
        ObjectNode any = ((ArrayNode) query.path("bool").path("filter")).addObject();
        any.putObject("bool").put("minimum_should_match", 1).set("should", should);
        ObjectNode body = JSON.objectNode();
        body.set("query", query);
        // Newest first, as Kibana; oldest first when suppressing, so a group's alert is its first event.
        body.set("sort", run.timestamps().sort(Suppression.of(run.rule()).isPresent() ? "asc" : "desc"));
        body.put("size", run.maxSignals() + 1);
        body.put("version", true);
        return timed(run, elasticsearch.search(run.indices(), body)).invoke(answer -> {
            for (JsonNode hit : answer.path("hits").path("hits")) {
                SourceEvent event = SourceEvent.of(hit);
                if (AlertBuilder.raisedBy(event.source(), run.ruleId())) {
                    continue;
                }
                Matched matched = matches.computeIfAbsent(event.index() + "/" + event.id(),
                        key -> new Matched(event, JSON.arrayNode()));
                for (JsonNode name : hit.path("matched_queries")) {
                    String[] parts = name.asText().split(":");
                    if (parts.length == 2) {
                        JsonNode indicator = indicators.get(Integer.parseInt(parts[0]));
                        enrich(run, matched, indicator, mapping.get(Integer.parseInt(parts[1])).path("entries"));
                    }
                }
            }
        }).replaceWithVoid();
    }

    /**
     * One entry group for one indicator: its entries AND-ed, each the event field matching the
     * indicator's value; null when the indicator lacks a value or has several (Kibana skips those).
     */
    private static ObjectNode groupClause(JsonNode indicator, JsonNode entries, String name) {
        ArrayNode filter = JSON.arrayNode();
        for (JsonNode entry : entries) {
            JsonNode value = Paths.raw(indicator, entry.path("value").asText());
            if (value.isArray()) {
                if (value.size() != 1) {
                    return null;
                }
                value = value.get(0);
            }
            if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                return null;
            }
            filter.addObject().putObject("match").putObject(entry.path("field").asText()).set("query", value);
        }
        if (filter.isEmpty()) {
            return null;
        }
        ObjectNode clause = JSON.objectNode();
        clause.putObject("bool").put("_name", name).set("filter", filter);
        return clause;
    }

    /** {@code threat.enrichments} entries as Kibana's {@code buildEnrichments} writes them. */
    private static void enrich(RunContext run, Matched matched, JsonNode indicatorHit, JsonNode entries) {
        JsonNode source = indicatorHit.path("_source");
        String indicatorPath = run.rule().path("threat_indicator_path").asText("threat.indicator");
        JsonNode indicator = Paths.raw(source, indicatorPath);
        for (JsonNode entry : entries) {
            ObjectNode enrichment = matched.enrichments().addObject();
            enrichment.set("indicator", indicator.isObject() ? indicator : JSON.objectNode());
            ObjectNode match = enrichment.putObject("matched");
            match.put("id", indicatorHit.path("_id").asText());
            match.put("index", indicatorHit.path("_index").asText());
            match.put("field", entry.path("field").asText());
            match.set("atomic", Paths.value(source, entry.path("value").asText()));
            match.put("type", "indicator_match_rule");
            JsonNode feed = Paths.value(source, "threat.feed.name");
            ObjectNode feedNode = enrichment.putObject("feed");
            if (feed.isTextual()) {
                feedNode.put("name", feed.asText());
            }
        }
    }

    private Uni<Void> raise(RunContext run, Window window, Map<String, Matched> matches) {
        List<ObjectNode> documents = new ArrayList<>();
        for (Matched matched : matches.values()) {
            if (documents.size() == run.maxSignals()) {
                run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
                break;
            }
            ObjectNode source = matched.event().source().deepCopy();
            ObjectNode threat = source.has("threat") && source.get("threat").isObject()
                    ? (ObjectNode) source.get("threat") : source.putObject("threat");
            ArrayNode enrichments = threat.withArray("enrichments");
            enrichments.addAll(matched.enrichments());
            SourceEvent event = new SourceEvent(matched.event().index(), matched.event().id(),
                    matched.event().version(), source);
            documents.add(AlertBuilder.fromEvent(run, event, run.intendedTimestamp(window)));
        }
        return alerts.publishCreated(run, documents);
    }

    private static Uni<JsonNode> timed(RunContext run, Uni<JsonNode> search) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return search.invoke(() -> run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000));
        });
    }
}
