package io.opendetection.bench.eql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.bench.Figures;
import io.opendetection.devstack.Infrastructure;
import io.opendetection.devstack.InfrastructureOptions;
import io.opendetection.devstack.ProjectLayout;
import io.opendetection.eql.EqlExecutor;
import io.opendetection.eql.EqlResult;
import io.opendetection.eql.EqlSearch;
import io.opendetection.eql.EqlSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The EQL engine (issue 8) against an Elasticsearch of its own, loaded with 1,000,000 events:
 * <ul>
 *   <li>an event query through the engine, against the hand-written DSL search returning the same
 *       events (same page size, {@code search_after}), p50 of 10 runs each; goal: ≤ 1.5×;</li>
 *   <li>a two-step sequence {@code by host.id, process.entity_id with maxspan=5m} over the same
 *       events with 10,000 candidate pairs: its time (goal ≤ 10 s) and this JVM's RSS growth
 *       (goal ≤ 256 MB).</li>
 * </ul>
 * {@code bench/run.sh eql.EqlBench [events=1000000] [pairs=10000]}
 */
public final class EqlBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INDEX = "bench-eql-events";
    private static final int BULK = 5000;
    private static final int RUNS = 10;
    private static final String[] NAMES = {"svchost.exe", "explorer.exe", "chrome.exe", "cmd.exe", "powershell.exe",
        "python.exe", "bash", "sshd", "curl", "java"};
    private static final String[] CATEGORIES = {"process", "network", "file", "registry"};

    private EqlBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path workDir = Files.createTempDirectory(Files.createDirectories(
                ProjectLayout.discover().root().resolve("bench/target")), "bench-eql-");
        try (Infrastructure infrastructure = Infrastructure.start(ProjectLayout.discover(),
                InfrastructureOptions.forTests(workDir, EnumSet.of(InfrastructureOptions.Component.ELASTICSEARCH),
                        UUID.randomUUID().toString(), Map.of()))) {
            String elasticsearch = "http://" + infrastructure.elasticsearchHosts().split(",")[0];
            long loadStart = System.nanoTime();
            load(elasticsearch, events, pairs);
            Figures.seconds("eql.load " + events + " events", loadStart);

            EqlSearch search = new EqlSearch() {
                @Override
                public JsonNode search(ObjectNode body) {
                    return send(elasticsearch, "POST", "/" + INDEX + "/_search", body.toString());
                }

                @Override
                public JsonNode fieldCaps() {
                    return send(elasticsearch, "GET", "/" + INDEX + "/_field_caps?fields=*", null);
                }
            };
            eventQuery(elasticsearch, search);
            sequence(search, pairs);
        }
    }

    /** The engine against the DSL a person would write for the same question, both reading every match. */
    private static void eventQuery(String elasticsearch, EqlSearch search) {
        String query = "process where process.name == \"cmd.exe\" and user.name : \"ROOT\"";
        EqlSettings settings = EqlSettings.defaults().withSize(100_000).withFetchSize(10_000);
        ObjectNode dsl = JSON.createObjectNode();
        ArrayNode filter = dsl.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("event.category", "process");
        filter.addObject().putObject("term").put("process.name", "cmd.exe");
        filter.addObject().putObject("term").putObject("user.name").put("value", "ROOT").put("case_insensitive", true);
        long[] engine = new long[RUNS];
        long[] direct = new long[RUNS];
        int found = 0;
        int foundDirect = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            found = new EqlExecutor(search, settings).execute(query).events().size();
            engine[run] = System.nanoTime() - start;
            start = System.nanoTime();
            foundDirect = readAll(elasticsearch, dsl, 10_000);
            direct[run] = System.nanoTime() - start;
        }
        Figures.latencies("eql.event_query engine (" + found + " events)", engine);
        Figures.latencies("eql.event_query hand-written DSL (" + foundDirect + " events)", direct);
        java.util.Arrays.sort(engine);
        java.util.Arrays.sort(direct);
        Figures.print("eql.event_query ratio engine / DSL (p50)", String.format("%.2f",
                (double) Figures.percentile(engine, 50) / Figures.percentile(direct, 50)));
    }

    private static int readAll(String elasticsearch, ObjectNode query, int pageSize) {
        int count = 0;
        JsonNode after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode();
            body.set("query", query);
            body.putArray("sort").addObject().putObject("@timestamp").put("order", "asc");
            body.put("size", pageSize);
            body.put("track_total_hits", false);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = send(elasticsearch, "POST", "/" + INDEX + "/_search", body.toString()).path("hits").path("hits");
            count += hits.size();
            if (hits.size() < pageSize) {
                return count;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    private static void sequence(EqlSearch search, int pairs) {
        String query = """
                sequence by host.id, process.entity_id with maxspan=5m
                  [process where process.name == "bench-start.exe"]
                  [network where process.name == "bench-connect.exe"]""";
        EqlSettings settings = EqlSettings.defaults().withSize(pairs * 2).withFetchSize(10_000);
        long pid = ProcessHandle.current().pid();
        System.gc();
        long rssBefore = Figures.rssMiB(pid);
        long start = System.nanoTime();
        EqlResult result = new EqlExecutor(search, settings).execute(query);
        long nanos = System.nanoTime() - start;
        long rssAfter = Figures.rssMiB(pid);
        Figures.print("eql.sequence " + result.sequences().size() + " sequences of " + pairs + " candidate pairs",
                String.format("%.2f s", nanos / 1e9));
        Figures.print("eql.sequence RSS growth of the engine's JVM", (rssAfter - rssBefore) + " MiB");
    }

    /**
     * {@code events} events over ten days (1,000 hosts, random names and categories), among them
     * {@code pairs} process starts each followed within a minute by a connection of the same host and process.
     */
    private static void load(String elasticsearch, int events, int pairs) {
        send(elasticsearch, "PUT", "/" + INDEX, """
                {"settings":{"number_of_shards":1,"number_of_replicas":0,"refresh_interval":"-1"},
                 "mappings":{"properties":{"@timestamp":{"type":"date"},"event":{"properties":{"category":{"type":"keyword"}}},
                 "host":{"properties":{"id":{"type":"keyword"}}},"user":{"properties":{"name":{"type":"keyword"}}},
                 "process":{"properties":{"name":{"type":"keyword"},"entity_id":{"type":"keyword"}}}}}}""");
        Random random = new Random(8);
        long start = 1_700_000_000_000L;
        long step = 10L * 24 * 3600 * 1000 / events;
        int pairEvery = Math.max(1, events / Math.max(1, pairs * 2));
        StringBuilder bulk = new StringBuilder();
        int pairsWritten = 0;
        for (int i = 0; i < events; i++) {
            long at = start + i * step;
            ObjectNode event = JSON.createObjectNode().put("@timestamp", at);
            String host = "host-" + random.nextInt(1000);
            String entity = "entity-" + random.nextInt(100_000);
            boolean pairStart = pairsWritten < pairs && i % pairEvery == 0 && i % (2 * pairEvery) == 0;
            boolean pairEnd = pairsWritten < pairs && i % pairEvery == 0 && i % (2 * pairEvery) != 0;
            if (pairStart || pairEnd) {
                host = "pair-host-" + pairsWritten;
                entity = "pair-entity-" + pairsWritten;
                event.putObject("event").put("category", pairStart ? "process" : "network");
                event.putObject("process").put("name", pairStart ? "bench-start.exe" : "bench-connect.exe")
                        .put("entity_id", entity);
                if (pairEnd) {
                    pairsWritten++;
                }
            } else {
                event.putObject("event").put("category", CATEGORIES[random.nextInt(CATEGORIES.length)]);
                event.putObject("process").put("name", NAMES[random.nextInt(NAMES.length)]).put("entity_id", entity);
            }
            event.putObject("host").put("id", host);
            event.putObject("user").put("name", random.nextInt(10) == 0 ? "root" : "user-" + random.nextInt(50));
            bulk.append("{\"index\":{}}\n").append(event).append('\n');
            if ((i + 1) % BULK == 0 || i == events - 1) {
                JsonNode answer = send(elasticsearch, "POST", "/" + INDEX + "/_bulk", bulk.toString());
                if (answer.path("errors").asBoolean()) {
                    throw new IllegalStateException("bulk failed: " + answer.path("items").path(0));
                }
                bulk.setLength(0);
            }
        }
        send(elasticsearch, "POST", "/" + INDEX + "/_refresh", null);
        Figures.print("eql.load candidate pairs written", String.valueOf(pairsWritten));
    }

    private static JsonNode send(String elasticsearch, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearch + path))
                .header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
