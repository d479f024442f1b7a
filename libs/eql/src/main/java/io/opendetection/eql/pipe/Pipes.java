package io.opendetection.eql.pipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.eql.evaluate.Evaluator;
import io.opendetection.eql.parse.EqlQuery;
import io.opendetection.eql.parse.EqlQuery.Pipe;
import io.opendetection.eql.parse.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a query's pipes, in order, to its results (events, sequences or samples, each seen
 * through {@link Results}) with python EQL's semantics, which Elasticsearch's conformance suite
 * keeps: {@code head}, {@code tail}, {@code filter}, {@code unique} (first of each key),
 * {@code sort} (stable, nulls first), {@code unique_count} (first of each key with {@code count}
 * and {@code percent}) and {@code count} (summaries). Keys compare strings ignoring case, as python
 * EQL's keys do, and numbers by value (2 and 2.0 are one key).
 */
public final class Pipes<T> {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How the pipes see one result. */
    public interface Results<T> {
        /** What the pipes' expressions read: an event's {@code _source}, or a sequence's view of its events. */
        JsonNode source(T result);

        /** A copy of the result whose first event carries {@code count} and {@code percent}. */
        T withCount(T result, long count, double percent);

        /** A result holding only a {@code count} pipe's summary. */
        T summary(ObjectNode summary);
    }

    private final Evaluator evaluator;
    private final Results<T> results;

    public Pipes(Evaluator evaluator, Results<T> results) {
        this.evaluator = evaluator;
        this.results = results;
    }

    public List<T> apply(List<T> items, List<Pipe> pipes) {
        List<T> current = new ArrayList<>(items);
        for (Pipe pipe : pipes) {
            current = apply(current, pipe);
        }
        return current;
    }

    private List<T> apply(List<T> items, Pipe pipe) {
        if (pipe instanceof EqlQuery.Head head) {
            return new ArrayList<>(items.subList(0, Math.min(head.count(), items.size())));
        }
        if (pipe instanceof EqlQuery.Tail tail) {
            return new ArrayList<>(items.subList(Math.max(0, items.size() - tail.count()), items.size()));
        }
        if (pipe instanceof EqlQuery.Filter filter) {
            return new ArrayList<>(items.stream()
                    .filter(item -> evaluator.isTrue(filter.condition(), results.source(item))).toList());
        }
        if (pipe instanceof EqlQuery.Unique unique) {
            Set<List<Object>> seen = new HashSet<>();
            return new ArrayList<>(items.stream().filter(item -> seen.add(key(unique.keys(), item))).toList());
        }
        if (pipe instanceof EqlQuery.Sort sort) {
            List<T> sorted = new ArrayList<>(items);
            Map<T, List<Object>> keys = new java.util.IdentityHashMap<>();
            sorted.forEach(item -> keys.put(item, key(sort.keys(), item)));
            sorted.sort(Comparator.comparing(keys::get, Pipes::compareKeys));
            return sorted;
        }
        if (pipe instanceof EqlQuery.UniqueCount uniqueCount) {
            Map<List<Object>, T> first = new LinkedHashMap<>();
            Map<List<Object>, Long> counts = new LinkedHashMap<>();
            for (T item : items) {
                List<Object> key = key(uniqueCount.keys(), item);
                first.putIfAbsent(key, item);
                counts.merge(key, 1L, Long::sum);
            }
            List<T> counted = new ArrayList<>();
            first.forEach((key, item) -> counted.add(results.withCount(item, counts.get(key),
                    (double) counts.get(key) / items.size())));
            return counted;
        }
        return count(items, ((EqlQuery.Count) pipe).keys());
    }

    private List<T> count(List<T> items, List<Expr> keys) {
        if (keys.isEmpty()) {
            ObjectNode totals = JSON.objectNode().put("key", "totals").put("count", items.size());
            return new ArrayList<>(List.of(results.summary(totals)));
        }
        // Counted ignoring case; the summary shows the key as first seen.
        Map<List<Object>, List<Object>> shown = new LinkedHashMap<>();
        Map<List<Object>, Long> counts = new LinkedHashMap<>();
        for (T item : items) {
            List<Object> raw = values(keys, item);
            List<Object> key = fold(raw);
            shown.putIfAbsent(key, raw);
            counts.merge(key, 1L, Long::sum);
        }
        List<List<Object>> order = new ArrayList<>(counts.keySet());
        order.sort(Comparator.<List<Object>, Long>comparing(counts::get).thenComparing(Pipes::compareKeys));
        List<T> summaries = new ArrayList<>();
        for (List<Object> key : order) {
            ObjectNode summary = JSON.objectNode();
            summary.put("count", counts.get(key));
            List<Object> raw = shown.get(key);
            summary.set("key", raw.size() == 1 ? json(raw.get(0)) : json(raw));
            summary.put("percent", (double) counts.get(key) / items.size());
            summaries.add(results.summary(summary));
        }
        return summaries;
    }

    private static JsonNode json(Object value) {
        if (value instanceof List<?> list) {
            com.fasterxml.jackson.databind.node.ArrayNode array = JSON.arrayNode();
            list.forEach(element -> array.add(json(element)));
            return array;
        }
        if (value instanceof String text) {
            return JSON.textNode(text);
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Double number) {
            return JSON.numberNode(number);
        }
        return value instanceof Boolean bool ? JSON.booleanNode(bool) : JSON.nullNode();
    }

    private List<Object> values(List<Expr> exprs, T item) {
        JsonNode source = results.source(item);
        List<Object> values = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            values.add(evaluator.valueOf(expr, source));
        }
        return values;
    }

    private List<Object> key(List<Expr> exprs, T item) {
        return fold(values(exprs, item));
    }

    /** Strings in lower case, whole numbers as longs, single values out of their lists. */
    static List<Object> fold(List<Object> values) {
        List<Object> folded = new ArrayList<>(values.size());
        for (Object value : values) {
            folded.add(foldOne(value));
        }
        return folded;
    }

    private static Object foldOne(Object value) {
        if (value instanceof String text) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e18) {
            return number.longValue();
        }
        if (value instanceof List<?> list) {
            return list.size() == 1 ? foldOne(list.get(0)) : fold(new ArrayList<>(list));
        }
        return value;
    }

    /** Keys in order: null first, then numbers, booleans, strings; lists by their text. */
    static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        int rankX = rank(x);
        int rankY = rank(y);
        if (rankX != rankY) {
            return Integer.compare(rankX, rankY);
        }
        if (x instanceof Number m && y instanceof Number n) {
            return m instanceof Long p && n instanceof Long q ? Long.compare(p, q)
                    : Double.compare(m.doubleValue(), n.doubleValue());
        }
        if (x instanceof Boolean p && y instanceof Boolean q) {
            return p.compareTo(q);
        }
        return String.valueOf(x).compareTo(String.valueOf(y));
    }

    private static int rank(Object value) {
        if (value instanceof Number) {
            return 0;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        return value instanceof String ? 2 : 3;
    }
}
