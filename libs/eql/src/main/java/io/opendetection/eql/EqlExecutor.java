package io.opendetection.eql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.compile.DslCompiler;
import io.opendetection.eql.compile.EventFilter;
import io.opendetection.eql.compile.FieldMapping;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.lineage.ProcessLineage;
import io.opendetection.eql.parse.EqlParser;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.EqlQuery.EventQuery;
import io.opendetection.eql.parse.EqlQuery.Pipe;
import io.opendetection.eql.parse.EqlQuery.Step;
import io.opendetection.eql.parse.Expr;
import io.opendetection.eql.pipe.Pipes;
import io.opendetection.eql.sample.SampleMatcher;
import io.opendetection.eql.sequence.SequenceEvent;
import io.opendetection.eql.sequence.SequenceLimitException;
import io.opendetection.eql.sequence.SequenceMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs an EQL query against Elasticsearch through an {@link EqlSearch}: the filtering Elasticsearch
 * can do is sent as DSL, the rest is evaluated on the fetched events, and sequences and samples are
 * joined here from one time-ordered stream of candidates (each step's query is a named clause, so
 * every hit says which steps it may match). Process lineage and python EQL's joins are evaluated
 * here too, over the events read in time order; pipes other than a leading filter, head or tail
 * run on the results in memory.
 */
public final class EqlExecutor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EqlSearch search;
    private final EqlSettings settings;
    private final Evaluator plain;

    public EqlExecutor(EqlSearch search, EqlSettings settings) {
        this.search = search;
        this.settings = settings;
        this.plain = new Evaluator(settings.stringCase(), null);
    }

    public EqlResult execute(String query) {
        return execute(EqlParser.parse(query));
    }

    public EqlResult execute(EqlQuery query) {
        JsonNode fieldCaps = search.fieldCaps();
        FieldMapping mapping = fieldCaps == null ? FieldMapping.NONE : FieldMapping.fromFieldCaps(fieldCaps);
        DslCompiler compiler = new DslCompiler(mapping, settings.categoryField(), settings.stringCase());
        if (query instanceof EqlQuery.EventSearch events) {
            return new EqlResult(events(events, compiler), List.of());
        }
        if (query instanceof EqlQuery.Sequence sequence) {
            return new EqlResult(List.of(), new SequenceRun(sequence, compiler).run());
        }
        if (query instanceof EqlQuery.Join join) {
            return new EqlResult(List.of(), joins(join, compiler));
        }
        return new EqlResult(List.of(), samples((EqlQuery.Sample) query, compiler));
    }

    // ---- event queries

    private List<JsonNode> events(EqlQuery.EventSearch query, DslCompiler compiler) {
        List<Pipe> pipes = query.pipes();
        Expr condition = query.query().condition();
        int next = 0;
        // Leading filters are part of the condition: they can still be pushed down.
        while (next < pipes.size() && pipes.get(next) instanceof EqlQuery.Filter filter) {
            condition = new Expr.And(condition, filter.condition());
            next++;
        }
        int limit = Integer.MAX_VALUE;
        boolean fromEnd = false;
        if (next < pipes.size() && pipes.get(next) instanceof EqlQuery.Head head) {
            limit = head.count();
            next++;
        } else if (next < pipes.size() && pipes.get(next) instanceof EqlQuery.Tail tail) {
            limit = tail.count();
            fromEnd = true;
            next++;
        } else if (next == pipes.size()) {
            limit = settings.size();
        }
        EventQuery eventQuery = new EventQuery(query.query().category(), condition);
        List<JsonNode> hits = ProcessLineage.uses(condition)
                ? lineageEvents(eventQuery, compiler, limit, fromEnd)
                : matchingEvents(compiler.compile(eventQuery), limit, fromEnd);
        List<JsonNode> result = eventPipes().apply(hits, pipes.subList(next, pipes.size()));
        return result.size() > settings.size() ? result.subList(0, settings.size()) : result;
    }

    /** The first (or, from the end, last) {@code limit} events the filter keeps, in time order. */
    private List<JsonNode> matchingEvents(EventFilter filter, int limit, boolean fromEnd) {
        List<JsonNode> hits = new ArrayList<>();
        if (limit > 0) {
            scan(filter.query(), fromEnd, hit -> {
                if (filter.matches(hit.path("_source"), plain)) {
                    hits.add(hit);
                    held(hits.size());
                }
                return hits.size() < limit;
            });
        }
        if (fromEnd) {
            Collections.reverse(hits);
        }
        return hits;
    }

    /**
     * An event query with process lineage: every process event and every event of a lineage's
     * query is read in time order with the query's own candidates, so that the lineage knows what
     * came before each candidate; only the last {@code limit} are held for a tail.
     */
    private List<JsonNode> lineageEvents(EventQuery query, DslCompiler compiler, int limit, boolean fromEnd) {
        if (limit <= 0) {
            return List.of();
        }
        ProcessLineage lineage = new ProcessLineage(query.condition(), settings.maxPendingSequences());
        Evaluator evaluator = new Evaluator(settings.stringCase(), lineage);
        EventFilter main = compiler.compile(query);
        List<EventFilter> lineageFilters = lineage.queries().stream().map(compiler::compile).toList();
        List<ObjectNode> clauses = new ArrayList<>();
        clauses.add(named(main.query(), "main"));
        clauses.add(named(categoryTerm("process"), "process"));
        for (int i = 0; i < lineageFilters.size(); i++) {
            clauses.add(named(lineageFilters.get(i).query(), "lineage-" + i));
        }
        Deque<JsonNode> hits = new ArrayDeque<>();
        scan(anyOf(clauses), false, hit -> {
            JsonNode source = hit.path("_source");
            Set<String> matched = matchedQueries(hit);
            lineage.accept(source, matched.contains("process"), i -> matched.contains("lineage-" + i)
                    && lineageFilters.get(i).matches(source, evaluator));
            if (matched.contains("main") && main.matches(source, evaluator)) {
                hits.addLast(hit);
                if (fromEnd && hits.size() > limit) {
                    hits.removeFirst();
                }
                held(hits.size());
            }
            return fromEnd || hits.size() < limit;
        });
        return new ArrayList<>(hits);
    }

    /**
     * Results held for pipes that need them all (unique, sort, a tail over lineage, joins) are
     * bounded like partial sequences: past the limit the query fails rather than the memory.
     */
    private void held(int results) {
        if (results > settings.maxPendingSequences()) {
            throw new SequenceLimitException("The query holds more than " + settings.maxPendingSequences()
                    + " results in memory for its pipes; narrow it (conditions, head) or raise the limit");
        }
    }

    private ObjectNode categoryTerm(String category) {
        ObjectNode term = JSON.objectNode();
        term.putObject("term").put(settings.categoryField(), category);
        return term;
    }

    private Pipes<JsonNode> eventPipes() {
        return new Pipes<>(plain, eventResults());
    }

    /** Events as pipes see them: an event is read as its source; unique_count's fields go on a copy. */
    private static Pipes.Results<JsonNode> eventResults() {
        return new Pipes.Results<>() {
            @Override
            public JsonNode source(JsonNode hit) {
                return hit.path("_source");
            }

            @Override
            public JsonNode withCount(JsonNode hit, long count, double percent) {
                ObjectNode copy = hit.deepCopy();
                JsonNode source = copy.path("_source");
                ObjectNode counted = source.isObject() ? (ObjectNode) source : copy.putObject("_source");
                counted.put("count", count).put("percent", percent);
                return copy;
            }

            @Override
            public JsonNode summary(ObjectNode summary) {
                ObjectNode hit = JSON.objectNode();
                hit.set("_source", summary);
                return hit;
            }
        };
    }

    /**
     * Pipes over sequences (and samples, joins): an expression reads {@code events[i].field}, and a
     * plain field of the first event, as python EQL's pipes do.
     */
    private Pipes<EqlResult.Sequence> sequencePipes() {
        Pipes.Results<JsonNode> events = eventResults();
        return new Pipes<>(plain, new Pipes.Results<>() {
            @Override
            public JsonNode source(EqlResult.Sequence sequence) {
                JsonNode first = sequence.events().isEmpty() || sequence.events().get(0) == null ? null
                        : sequence.events().get(0).path("_source");
                ObjectNode view = first != null && first.isObject() ? first.deepCopy() : JSON.objectNode();
                ArrayNode all = view.putArray("events");
                sequence.events().forEach(event -> all.add(event == null ? JSON.nullNode() : event.path("_source")));
                return view;
            }

            @Override
            public EqlResult.Sequence withCount(EqlResult.Sequence sequence, long count, double percent) {
                List<JsonNode> counted = new ArrayList<>(sequence.events());
                if (!counted.isEmpty() && counted.get(0) != null) {
                    counted.set(0, events.withCount(counted.get(0), count, percent));
                }
                return new EqlResult.Sequence(sequence.joinKeys(), counted);
            }

            @Override
            public EqlResult.Sequence summary(ObjectNode summary) {
                return new EqlResult.Sequence(List.of(), List.of(events.summary(summary)));
            }
        });
    }

    private List<EqlResult.Sequence> sequencePipes(List<EqlResult.Sequence> sequences, List<Pipe> pipes) {
        List<EqlResult.Sequence> result = sequencePipes().apply(sequences, pipes);
        return result.size() > settings.size() ? result.subList(0, settings.size()) : result;
    }

    /** A hit consumer that answers whether to read on. */
    private interface HitSink {
        boolean accept(JsonNode hit);
    }

    /** Reads every hit of {@code query} in time order (or its reverse), page by page, until the sink stops. */
    private void scan(ObjectNode query, boolean descending, HitSink sink) {
        ArrayNode filters = JSON.arrayNode();
        if (settings.filter() != null) {
            filters.add(settings.filter());
        }
        filters.add(query);
        ObjectNode bool = JSON.objectNode();
        bool.putObject("bool").set("filter", filters);
        String order = descending ? "desc" : "asc";
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().putObject(settings.timestampField()).put("order", order);
        if (settings.tiebreakerField() != null) {
            sort.addObject().putObject(settings.tiebreakerField()).put("order", order);
        }
        // The document order breaks the remaining ties, as Elasticsearch's EQL does.
        sort.addObject().putObject("_doc").put("order", order);
        JsonNode searchAfter = null;
        while (true) {
            ObjectNode body = JSON.objectNode();
            body.set("query", bool);
            body.set("sort", sort);
            body.put("size", settings.fetchSize());
            body.put("version", true);
            body.put("track_total_hits", false);
            if (searchAfter != null) {
                body.set("search_after", searchAfter);
            }
            JsonNode hits = search.search(body).path("hits").path("hits");
            for (JsonNode hit : hits) {
                if (!sink.accept(hit)) {
                    return;
                }
            }
            if (hits.size() < settings.fetchSize()) {
                return;
            }
            searchAfter = hits.get(hits.size() - 1).path("sort");
        }
    }

    private static long timestampOf(JsonNode hit) {
        return hit.path("sort").path(0).asLong();
    }

    /** A named clause per step: the hit's {@code matched_queries} say which steps it may match. */
    private static ObjectNode named(ObjectNode query, String name) {
        ObjectNode bool = JSON.objectNode();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("filter").add(query);
        inner.put("_name", name);
        return bool;
    }

    private static ObjectNode anyOf(List<ObjectNode> clauses) {
        ObjectNode bool = JSON.objectNode();
        ObjectNode inner = bool.putObject("bool");
        ArrayNode should = inner.putArray("should");
        clauses.forEach(should::add);
        inner.put("minimum_should_match", 1);
        return bool;
    }

    private static Set<String> matchedQueries(JsonNode hit) {
        Set<String> names = new HashSet<>();
        JsonNode matched = hit.path("matched_queries");
        if (matched.isArray()) {
            matched.forEach(name -> names.add(name.asText()));
        } else if (matched.isObject()) {
            matched.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** A join key's values, numbers normalised so that 2 and 2.0 join. */
    private static List<Object> key(List<Expr> sharedKeys, List<Expr> stepKeys, JsonNode source) {
        List<Object> key = new ArrayList<>(sharedKeys.size() + stepKeys.size());
        for (Expr expr : sharedKeys) {
            key.add(normalise(Evaluator.value(expr, source)));
        }
        for (Expr expr : stepKeys) {
            key.add(normalise(Evaluator.value(expr, source)));
        }
        return key;
    }

    private static Object normalise(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e18) {
            return number.longValue();
        }
        if (value instanceof List<?> list && list.size() == 1) {
            return normalise(list.get(0));
        }
        return value;
    }

    // ---- sequences

    private final class SequenceRun {
        private final EqlQuery.Sequence query;
        private final List<EventFilter> stepFilters = new ArrayList<>();
        // For each positive step, the stages it fills (a step with runs=N fills N stages).
        private final List<List<Integer>> stagesOfStep = new ArrayList<>();
        // For each step, how many positive stages come before it (where a missing step sits).
        private final List<Integer> positionOfStep = new ArrayList<>();
        private final EventFilter untilFilter;
        private final Map<Integer, Map<List<Object>, List<SequenceEvent>>> missingCandidates = new HashMap<>();
        private int stageCount;

        SequenceRun(EqlQuery.Sequence query, DslCompiler compiler) {
            this.query = query;
            for (Step step : query.steps()) {
                stepFilters.add(compiler.compile(step.query()));
                positionOfStep.add(stageCount);
                List<Integer> stages = new ArrayList<>();
                if (!step.missing()) {
                    for (int run = 0; run < step.runs(); run++) {
                        stages.add(stageCount++);
                    }
                }
                stagesOfStep.add(stages);
            }
            untilFilter = query.until() == null ? null : compiler.compile(query.until().query());
        }

        List<EqlResult.Sequence> run() {
            List<ObjectNode> clauses = new ArrayList<>();
            for (int i = 0; i < stepFilters.size(); i++) {
                clauses.add(named(stepFilters.get(i).query(), "step-" + i));
            }
            if (untilFilter != null) {
                clauses.add(named(untilFilter.query(), "until"));
            }
            boolean[] forks = new boolean[stageCount];
            for (int i = 0; i < query.steps().size(); i++) {
                for (int stage : stagesOfStep.get(i)) {
                    forks[stage] = query.steps().get(i).fork();
                }
            }
            SequenceMatcher matcher = new SequenceMatcher(stageCount, query.maxspanMillis(),
                    settings.maxPendingSequences(), settings.maxPendingSequences(), forks);
            long[] ordinal = {0};
            scan(anyOf(clauses), false, hit -> {
                accept(matcher, new SequenceEvent(ordinal[0]++, timestampOf(hit), hit));
                return true;
            });
            List<EqlResult.Sequence> sequences = new ArrayList<>();
            List<SequenceMatcher.Match> completed = new ArrayList<>(matcher.completed());
            completed.sort((a, b) -> compareOrdinals(a.events(), b.events()));
            for (SequenceMatcher.Match match : completed) {
                List<JsonNode> events = withMissingEvents(match);
                if (events != null) {
                    sequences.add(new EqlResult.Sequence(match.key(), events));
                }
            }
            return sequencePipes(sequences, query.pipes());
        }

        private void accept(SequenceMatcher matcher, SequenceEvent event) {
            JsonNode hit = event.hit();
            JsonNode source = hit.path("_source");
            Set<String> matched = matchedQueries(hit);
            if (untilFilter != null && matched.contains("until") && untilFilter.matches(source, plain)) {
                matcher.until(key(query.keys(), query.until().keys(), source));
            }
            Map<Integer, List<Object>> keysByStage = new HashMap<>();
            for (int i = 0; i < stepFilters.size(); i++) {
                if (!matched.contains("step-" + i) || !stepFilters.get(i).matches(source, plain)) {
                    continue;
                }
                Step step = query.steps().get(i);
                List<Object> key = key(query.keys(), step.keys(), source);
                if (step.missing()) {
                    missingCandidates.computeIfAbsent(i, k -> new HashMap<>())
                            .computeIfAbsent(key, k -> new ArrayList<>()).add(event);
                    continue;
                }
                for (int stage : stagesOfStep.get(i)) {
                    keysByStage.put(stage, key);
                }
            }
            if (!keysByStage.isEmpty()) {
                matcher.accept(event, keysByStage);
            }
        }

        /**
         * The sequence's events with a null for each missing event; null when missing events did
         * occur: an event of a missing step between its two neighbours, or events of every leading
         * and trailing missing step (before the first, after the last event) that, with the
         * sequence, fit in maxspan.
         */
        private List<JsonNode> withMissingEvents(SequenceMatcher.Match match) {
            List<SequenceEvent> events = match.events();
            List<JsonNode> result = new ArrayList<>();
            boolean anyEdgeStep = false;
            boolean allEdgesOccurred = true;
            long earliest = events.get(0).timestamp();
            long latest = events.get(events.size() - 1).timestamp();
            for (int i = 0; i < query.steps().size(); i++) {
                Step step = query.steps().get(i);
                if (!step.missing()) {
                    for (int stage : stagesOfStep.get(i)) {
                        result.add(events.get(stage).hit());
                    }
                    continue;
                }
                for (int run = 0; run < step.runs(); run++) {
                    result.add(null);
                }
                SequenceEvent occurrence = occurrence(i, match.key(), events);
                int position = positionOfStep.get(i);
                if (position > 0 && position < events.size()) {
                    if (occurrence != null) {
                        return null;
                    }
                    continue;
                }
                anyEdgeStep = true;
                if (occurrence == null) {
                    allEdgesOccurred = false;
                } else {
                    earliest = Math.min(earliest, occurrence.timestamp());
                    latest = Math.max(latest, occurrence.timestamp());
                }
            }
            Long maxspan = query.maxspanMillis();
            boolean occurred = anyEdgeStep && allEdgesOccurred && (maxspan == null || latest - earliest <= maxspan);
            return occurred ? null : result;
        }

        /**
         * The event of missing step {@code step} with this key closest to the sequence in its place:
         * the latest before the first event, the earliest after the last, or any one in between.
         */
        private SequenceEvent occurrence(int step, List<Object> key, List<SequenceEvent> events) {
            List<SequenceEvent> candidates = missingCandidates.getOrDefault(step, Map.of()).get(key);
            if (candidates == null) {
                return null;
            }
            int position = positionOfStep.get(step);
            SequenceEvent found = null;
            for (SequenceEvent candidate : candidates) {
                if (position == 0) {
                    if (candidate.ordinal() < events.get(0).ordinal()) {
                        found = candidate;
                    }
                } else if (position == events.size()) {
                    if (candidate.ordinal() > events.get(events.size() - 1).ordinal()) {
                        return candidate;
                    }
                } else if (candidate.ordinal() > events.get(position - 1).ordinal()
                        && candidate.ordinal() < events.get(position).ordinal()) {
                    return candidate;
                }
            }
            return found;
        }
    }

    private static int compareOrdinals(List<SequenceEvent> a, List<SequenceEvent> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Long.compare(a.get(i).ordinal(), b.get(i).ordinal());
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static List<EventFilter> stepFilters(List<EqlQuery.Step> steps, DslCompiler compiler) {
        return steps.stream().map(step -> compiler.compile(step.query())).toList();
    }

    /** Each step's query named {@code step-<i>}, so one search's hits say which steps they match. */
    private static List<ObjectNode> stepClauses(List<EventFilter> filters) {
        List<ObjectNode> clauses = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            clauses.add(named(filters.get(i).query(), "step-" + i));
        }
        return clauses;
    }

    // ---- samples

    private List<EqlResult.Sequence> samples(EqlQuery.Sample query, DslCompiler compiler) {
        List<EventFilter> filters = stepFilters(query.steps(), compiler);
        List<ObjectNode> clauses = stepClauses(filters);
        SampleMatcher matcher = new SampleMatcher(filters.size(), settings.maxPendingSequences());
        long[] ordinal = {0};
        Consumer<JsonNode> feed = hit -> {
            JsonNode source = hit.path("_source");
            Set<String> matched = matchedQueries(hit);
            Map<Integer, List<Object>> keys = new HashMap<>();
            for (int i = 0; i < filters.size(); i++) {
                if (matched.contains("step-" + i) && filters.get(i).matches(source, plain)) {
                    keys.put(i, key(query.keys(), query.steps().get(i).keys(), source));
                }
            }
            matcher.accept(new SequenceEvent(ordinal[0]++, timestampOf(hit), hit), keys);
        };
        scan(anyOf(clauses), false, hit -> {
            feed.accept(hit);
            return true;
        });
        List<EqlResult.Sequence> samples = new ArrayList<>();
        for (SampleMatcher.Sample sample : matcher.samples()) {
            samples.add(new EqlResult.Sequence(sample.key(), sample.events().stream().map(SequenceEvent::hit).toList()));
        }
        return sequencePipes(samples, query.pipes());
    }

    // ---- joins

    /**
     * python EQL's join: per join key, the first event of each query, in any order; a key's join
     * is complete (and its slots free again) when every query has its event; an {@code until}
     * event of the key clears its slots. Joins come out in the order they complete.
     */
    private List<EqlResult.Sequence> joins(EqlQuery.Join query, DslCompiler compiler) {
        List<EventFilter> filters = stepFilters(query.steps(), compiler);
        List<ObjectNode> clauses = stepClauses(filters);
        EventFilter until = query.until() == null ? null : compiler.compile(query.until().query());
        if (until != null) {
            clauses.add(named(until.query(), "until"));
        }
        int size = filters.size();
        Map<List<Object>, JsonNode[]> pending = new LinkedHashMap<>();
        List<EqlResult.Sequence> joins = new ArrayList<>();
        scan(anyOf(clauses), false, hit -> {
            JsonNode source = hit.path("_source");
            Set<String> matched = matchedQueries(hit);
            if (until != null && matched.contains("until") && until.matches(source, plain)) {
                pending.remove(foldedKey(query.keys(), query.until().keys(), source));
            }
            for (int i = 0; i < size; i++) {
                if (!matched.contains("step-" + i) || !filters.get(i).matches(source, plain)) {
                    continue;
                }
                List<Object> key = foldedKey(query.keys(), query.steps().get(i).keys(), source);
                JsonNode[] slots = pending.computeIfAbsent(key, k -> new JsonNode[size]);
                if (pending.size() > settings.maxPendingSequences()) {
                    throw new SequenceLimitException("The join needs more than " + settings.maxPendingSequences()
                            + " partial joins in memory; narrow it or raise the limit");
                }
                if (slots[i] != null) {
                    continue;
                }
                slots[i] = hit;
                if (Arrays.stream(slots).allMatch(Objects::nonNull)) {
                    joins.add(new EqlResult.Sequence(key, List.of(slots)));
                    held(joins.size());
                    pending.remove(key);
                }
            }
            return true;
        });
        return sequencePipes(joins, query.pipes());
    }

    /** A join's key: python EQL compares join keys ignoring case. */
    private List<Object> foldedKey(List<Expr> sharedKeys, List<Expr> stepKeys, JsonNode source) {
        List<Object> key = key(sharedKeys, stepKeys, source);
        key.replaceAll(value -> value instanceof String text ? text.toLowerCase(Locale.ROOT) : value);
        return key;
    }

}
