package io.opendetection.bench.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;
import io.opendetection.bench.Http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issue 6's two figures about alerts, through the whole system:
 * <ul>
 *   <li>{@code volume}: one query rule matching {@code alerts} events (max_signals raised to that):
 *       the time from creating the rule (it runs at once) until all its alerts are searchable in
 *       {@code .alerts-security.alerts-default}, against the floor: the same alert documents
 *       bulk-created straight into another space's alerts index (1,000 per bulk, then a refresh).
 *       The services must allow that many alerts per run: set {@code RULES_MAX_ALERTS_PER_RUN}.</li>
 *   <li>{@code latency}: a query rule with interval 1m; an event is indexed every
 *       {@code spacing} seconds for {@code minutes} minutes, and for each the time from indexing it
 *       until its alert is searchable is taken (p50, p99, max).</li>
 * </ul>
 * Args: {@code [parts=volume,latency] [alerts=10000] [minutes=5] [spacing=5]}.
 */
public final class DetectionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERTS = ".alerts-security.alerts-default";
    private static final int BULK = 1000;

    private DetectionBench() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = Set.of((args.length > 0 ? args[0] : "volume,latency").split(","));
        int alerts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int spacing = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (BenchSystem system = BenchSystem.start()) {
            Gateway gateway = system.gateway();
            Http.ok(gateway.postJson("/api/detection_engine/index", "{}"));
            String elasticsearch = system.elasticsearchUrl();
            if (parts.contains("volume")) {
                volume(gateway, elasticsearch, alerts);
            }
            if (parts.contains("latency")) {
                latency(gateway, elasticsearch, minutes, spacing);
            }
        }
    }

    private static void volume(Gateway gateway, String elasticsearch, int alerts) {
        String index = eventsIndex(elasticsearch, "bench-volume");
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < alerts; i++) {
            bulk.append("{\"create\":{}}\n").append(event(now.minusMillis(60_000L * i / alerts + 1000), "volume-user",
                    "host-" + (i % 100))).append('\n');
            if ((i + 1) % BULK == 0 || i == alerts - 1) {
                Http.bulk(elasticsearch + "/" + index + "/_bulk", bulk.toString());
                bulk.setLength(0);
            }
        }
        Http.post(elasticsearch + "/" + index + "/_refresh", "");

        long start = System.nanoTime();
        String ruleId = createRule(gateway, index, "user.name: volume-user", "1h", alerts);
        long deadline = start + Duration.ofMinutes(15).toNanos();
        long found = 0;
        while (found < alerts && System.nanoTime() < deadline) {
            found = count(elasticsearch, ALERTS, ruleId);
            Http.sleep(200);
        }
        long pipelineNanos = System.nanoTime() - start;
        if (found < alerts) {
            throw new IllegalStateException(found + " of " + alerts + " alerts after 15 minutes (is RULES_MAX_ALERTS_PER_RUN"
                    + " at least " + alerts + "?)");
        }
        Figures.print("detection.volume " + alerts + " alerts, rule created → all searchable",
                String.format("%.1f s", pipelineNanos / 1e9));

        // The floor: the same documents, bulk-created straight into another space's alerts index.
        Http.ok(gateway.postJson("/s/bench-floor/api/detection_engine/index", "{}"));
        List<String> documents = alertDocuments(elasticsearch, ruleId, alerts);
        long floorStart = System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            body.append("{\"create\":{\"_index\":\".alerts-security.alerts-bench-floor\"}}\n").append(documents.get(i)).append('\n');
            if ((i + 1) % BULK == 0 || i == documents.size() - 1) {
                Http.bulk(elasticsearch + "/_bulk", body.toString());
                body.setLength(0);
            }
        }
        Http.post(elasticsearch + "/.alerts-security.alerts-bench-floor/_refresh", "");
        long floorNanos = System.nanoTime() - floorStart;
        Figures.print("detection.volume floor: the same " + documents.size() + " documents bulk-indexed directly",
                String.format("%.1f s", floorNanos / 1e9));
        Figures.print("detection.volume ratio (goal ≤ 2)", String.format("%.2f", (double) pipelineNanos / floorNanos));
    }

    private static void latency(Gateway gateway, String elasticsearch, int minutes, int spacing) {
        String index = eventsIndex(elasticsearch, "bench-latency");
        String ruleId = createRule(gateway, index, "user.name: latency-user", "1m", 100);
        Map<String, Long> pending = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        long nextEvent = System.nanoTime();
        // after the last event, wait up to three intervals for its alert
        long deadline = end + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && (System.nanoTime() < end || !pending.isEmpty())) {
            if (System.nanoTime() < end && System.nanoTime() >= nextEvent) {
                String id = UUID.randomUUID().toString();
                String json = event(Instant.now(), "latency-user", "host-latency");
                Http.put(elasticsearch + "/" + index + "/_doc/" + id + "?refresh=true", json);
                pending.put(id, System.nanoTime());
                nextEvent += Duration.ofSeconds(spacing).toNanos();
            }
            if (!pending.isEmpty()) {
                for (String found : alertedEvents(elasticsearch, ruleId, pending.keySet())) {
                    Long indexed = pending.remove(found);
                    if (indexed != null) {
                        latencies.add(System.nanoTime() - indexed);
                    }
                }
            }
            Http.sleep(500);
        }
        long[] nanos = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Figures.print("detection.latency events", (latencies.size() + pending.size()) + " indexed, " + pending.size()
                + " without an alert");
        Figures.print("detection.latency event indexed → alert searchable (interval 1m)", String.format(
                "p50 %.1f s, p99 %.1f s, max %.1f s", Figures.percentile(nanos, 50) / 1e9,
                Figures.percentile(nanos, 99) / 1e9, nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e9));
    }

    private static String createRule(Gateway gateway, String index, String query, String interval, int maxSignals) {
        HttpResponse<String> created = gateway.postJson("/api/detection_engine/rules", """
                {"name":"Bench %s","description":"detection bench","risk_score":21,"severity":"low","type":"query",
                 "query":"%s","interval":"%s","from":"now-2m","index":["%s"],"max_signals":%d}"""
                .formatted(index, query, interval, index, maxSignals));
        Http.ok(created);
        return Http.parse(created.body()).path("id").asText();
    }

    private static String eventsIndex(String elasticsearch, String prefix) {
        String index = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.put(elasticsearch + "/" + index, """
                {"mappings":{"properties":{"@timestamp":{"type":"date"},
                 "user":{"properties":{"name":{"type":"keyword"}}},"host":{"properties":{"name":{"type":"keyword"}}},
                 "event":{"properties":{"category":{"type":"keyword"},"kind":{"type":"keyword"}}}}}}""");
        return index;
    }

    private static String event(Instant at, String user, String host) {
        return """
                {"@timestamp":"%s","event":{"kind":"event","category":"authentication","outcome":"success"},
                 "user":{"name":"%s"},"host":{"name":"%s"},"message":"login of %s on %s"}"""
                .formatted(at, user, host, user, host).replace("\n", "");
    }

    private static long count(String elasticsearch, String index, String ruleId) {
        JsonNode answer = Http.post(elasticsearch + "/" + index + "/_count?ignore_unavailable=true",
                "{\"query\":{\"term\":{\"kibana.alert.rule.uuid\":\"" + ruleId + "\"}}}");
        return answer.path("count").asLong();
    }

    /** The ids of the given events that have an alert of the rule, from the alerts' ancestors. */
    private static List<String> alertedEvents(String elasticsearch, String ruleId, Set<String> eventIds) {
        var query = JSON.createObjectNode();
        var filter = query.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("kibana.alert.rule.uuid", ruleId);
        var ids = filter.addObject().putObject("terms").putArray("kibana.alert.ancestors.id");
        eventIds.forEach(ids::add);
        query.put("size", eventIds.size());
        query.putArray("_source").add("kibana.alert.ancestors.id");
        JsonNode answer = Http.post(elasticsearch + "/" + ALERTS + "/_search?ignore_unavailable=true", query.toString());
        List<String> found = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode ancestors = source.has("kibana.alert.ancestors") ? source.get("kibana.alert.ancestors")
                    : source.path("kibana").path("alert").path("ancestors");
            ancestors.forEach(ancestor -> found.add(ancestor.path("id").asText()));
        }
        return found;
    }

    private static List<String> alertDocuments(String elasticsearch, String ruleId, int expected) {
        List<String> documents = new ArrayList<>(expected);
        JsonNode after = null;
        while (true) {
            var query = JSON.createObjectNode();
            query.putObject("query").putObject("term").put("kibana.alert.rule.uuid", ruleId);
            query.put("size", 1000);
            query.putArray("sort").add("_doc");
            if (after != null) {
                query.set("search_after", after);
            }
            JsonNode hits = Http.post(elasticsearch + "/" + ALERTS + "/_search", query.toString()).path("hits").path("hits");
            if (hits.isEmpty()) {
                return documents;
            }
            hits.forEach(hit -> documents.add(hit.path("_source").toString()));
            after = hits.get(hits.size() - 1).path("sort");
        }
    }
}
