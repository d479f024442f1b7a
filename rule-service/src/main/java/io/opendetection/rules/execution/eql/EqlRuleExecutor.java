package io.opendetection.rules.execution.eql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.EqlExecutor;
import io.opendetection.eql.EqlResult;
import io.opendetection.eql.EqlSearch;
import io.opendetection.eql.EqlSettings;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.rules.execution.RuleTypeExecutor;
import io.opendetection.rules.execution.RunContext;
import io.opendetection.rules.execution.alerts.AlertBuilder;
import io.opendetection.rules.execution.alerts.AlertPublisher;
import io.opendetection.rules.execution.alerts.SourceEvent;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.scheduler.RangeTuples.Window;
import io.opendetection.rules.execution.search.Elasticsearch;
import io.opendetection.rules.execution.search.RuleQueries;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code eql} rules (ENGINE.md §4), run by our own EQL engine ({@code libs/eql}) since the
 * Elasticsearch we run against may have no {@code _eql/search}: the window's range, the rule's
 * {@code filters} and its exceptions filter every event; {@code size} is max_signals. An event
 * query raises one alert per event (ids as for query rules); a sequence raises a building block
 * per event and a shell grouping them. A sequence with an event this rule raised is skipped.
 */
@ApplicationScoped
public class EqlRuleExecutor implements RuleTypeExecutor {
    private static final int FETCH_SIZE = 1000;
    private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    Elasticsearch elasticsearch;

    @Inject
    AlertPublisher alerts;

    @ConfigProperty(name = "detection.executor.eql.max-sequence-state")
    int maxSequenceState;

    @Override
    public Uni<Void> run(RunContext run, Window window) {
        JsonNode rule = run.rule();
        EqlQuery query = EqlParser.parse(rule.path("query").asText());
        ObjectNode filter = RuleQueries.events(RuleQueries.filter("", "kuery", rule.path("filters"), run.exceptions()),
                run.timestamps().rangeFilter(window));
        EqlSettings settings = new EqlSettings(rule.path("timestamp_field").asText("@timestamp"),
                rule.hasNonNull("tiebreaker_field") ? rule.get("tiebreaker_field").asText() : null,
                rule.path("event_category_override").asText("event.category"), run.maxSignals(), FETCH_SIZE, filter,
                maxSequenceState);
        // The engine pages synchronously: it runs on a worker thread, never on the event loop.
        return Uni.createFrom().item(() -> new EqlExecutor(search(run), settings).execute(query))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(result -> alerts.publishCreated(run, alerts(run, result, run.intendedTimestamp(window))));
    }

    private EqlSearch search(RunContext run) {
        return new EqlSearch() {
            @Override
            public JsonNode search(ObjectNode body) {
                long start = System.nanoTime();
                JsonNode answer = elasticsearch.search(run.indices(), body).await().atMost(SEARCH_TIMEOUT);
                run.searchDurationMs().addAndGet((System.nanoTime() - start) / 1_000_000);
                return answer;
            }

            @Override
            public JsonNode fieldCaps() {
                return elasticsearch.fieldCaps(run.indices(), List.of("*")).await().atMost(SEARCH_TIMEOUT);
            }
        };
    }

    private static List<ObjectNode> alerts(RunContext run, EqlResult result, Instant intendedTimestamp) {
        List<ObjectNode> created = new ArrayList<>();
        int found = result.isSequence() ? result.sequences().size() : result.events().size();
        if (found >= run.maxSignals()) {
            run.warn(QueryRuleExecutor.MAX_SIGNALS_REACHED);
        }
        for (JsonNode hit : result.events()) {
            SourceEvent event = SourceEvent.of(hit);
            if (!AlertBuilder.raisedBy(event.source(), run.ruleId())) {
                created.add(AlertBuilder.fromEvent(run, event, intendedTimestamp));
            }
        }
        for (EqlResult.Sequence sequence : result.sequences()) {
            boolean ownAlert = sequence.events().stream().anyMatch(hit -> hit != null
                    && AlertBuilder.raisedBy(SourceEvent.of(hit).source(), run.ruleId()));
            if (!ownAlert) {
                created.addAll(SequenceAlerts.of(run, sequence.events(), intendedTimestamp));
            }
        }
        return created;
    }
}
