package io.opendetection.bench.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exceptions goals of issue 4, through the gateway: 10,000 items created in one list
 * (≥ 1,000 items/s), {@code _find} with a filter over them (p99 ≤ 50 ms), export and re-import of
 * the list (≤ 5 s each), and the time from an item's creation to rule-service's projection holding
 * it (p99 ≤ 1 s). Arguments: [items (10000)] [concurrency (32)] [finds (500)] [projection samples (200)]
 * [warm-up items (5000)]. The warm-up items go into a list of their own before the measured ones, so
 * the creation rate is the rate of running services, not of five JVMs compiling their hot paths.
 */
public final class ExceptionsBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExceptionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int finds = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 5_000;
        try (BenchSystem system = BenchSystem.start()) {
            Gateway gateway = system.gateway();
            if (warmUp > 0) {
                String warmUpList = "bench-warm-up-" + UUID.randomUUID();
                check(gateway.postJson("/api/exception_lists", """
                        {"list_id":"%s","name":"Warm-up","description":"not measured","type":"detection"}"""
                        .formatted(warmUpList)));
                createItems(gateway, warmUpList, warmUp, concurrency, "exceptions.items.warm-up");
            }
            String listId = "bench-" + UUID.randomUUID();
            check(gateway.postJson("/api/exception_lists", """
                    {"list_id":"%s","name":"Bench","description":"10,000 items","type":"detection"}""".formatted(listId)));

            createItems(gateway, listId, items, concurrency, "exceptions.items.create");
            findWithFilter(gateway, listId, items, finds);
            Path export = exportAndReimport(gateway, listId);
            Files.deleteIfExists(export);
            projectionLatency(gateway, RuleServiceProbe.of(system), samples);
        }
    }

    private static void createItems(Gateway gateway, String listId, int count, int concurrency, String figure)
            throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> sent = new ArrayList<>(count);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest request = gateway.request("/api/exception_lists/items").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(item(listId, i))).build();
            sent.add(gateway.sendAsync(request).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        Figures.print(figure + ".count", count + " items, " + concurrency + " concurrent, "
                + failures.get() + " failed");
        Figures.print(figure + ".rate", String.format("%.0f items/s (%.2f s)", count / seconds, seconds));
    }

    private static String item(String listId, int i) {
        return """
                {"list_id":"%s","item_id":"%s-%d","name":"Host %d","description":"bench item","type":"simple",
                 "os_types":["%s"],"entries":[{"field":"host.name","operator":"included","type":"match","value":"host-%d"},
                 {"field":"process.parent","type":"nested","entries":[{"field":"name","operator":"included","type":"match_any","value":["a","b"]}]}]}"""
                .formatted(listId, listId, i, i, i % 2 == 0 ? "linux" : "windows", i);
    }

    private static void findWithFilter(Gateway gateway, String listId, int items, int finds) {
        for (int i = 0; i < 20; i++) {
            find(gateway, listId, i);
        }
        long[] latencies = new long[finds];
        for (int i = 0; i < finds; i++) {
            long started = System.nanoTime();
            JsonNode page = find(gateway, listId, (i * 7919) % items);
            latencies[i] = System.nanoTime() - started;
            if (page.get("total").asInt() != 1) {
                throw new IllegalStateException("the filter found " + page.get("total") + " items");
            }
        }
        Figures.latencies("exceptions.items.find.filter (10,000 items)", latencies);
    }

    private static JsonNode find(Gateway gateway, String listId, int host) {
        String filter = java.net.URLEncoder.encode("exception-list.attributes.entries.value: \"host-" + host
                + "\" and exception-list.attributes.os_types: " + (host % 2 == 0 ? "linux" : "windows"),
                java.nio.charset.StandardCharsets.UTF_8);
        return parse(check(gateway.get("/api/exception_lists/items/_find?list_id=" + listId + "&filter=" + filter
                + "&per_page=20&sort_field=created_at&sort_order=desc")).body());
    }

    private static Path exportAndReimport(Gateway gateway, String listId) throws IOException {
        String id = parse(check(gateway.get("/api/exception_lists?list_id=" + listId)).body()).get("id").asText();
        long started = System.nanoTime();
        HttpResponse<String> export = check(gateway.send(gateway.request("/api/exception_lists/_export?id=" + id
                + "&list_id=" + listId + "&namespace_type=single&include_expired_exceptions=true")
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
        Figures.seconds("exceptions.export (10,000 items)", started);
        Path file = Files.createTempFile("exceptions-bench", ".ndjson");
        Files.writeString(file, export.body());
        Figures.print("exceptions.export.size", Files.size(file) / 1024 + " KiB");

        started = System.nanoTime();
        JsonNode report = parse(check(gateway.upload("/api/exception_lists/_import?as_new_list=true", file,
                "exceptions.ndjson")).body());
        Figures.seconds("exceptions.import (10,000 items, as a new list)", started);
        Figures.print("exceptions.import.report", "success_count=" + report.get("success_count")
                + " errors=" + report.get("errors").size());
        return file;
    }

    private static void projectionLatency(Gateway gateway, RuleServiceProbe ruleService, int samples)
            throws InterruptedException {
        String listId = "bench-projection-" + UUID.randomUUID();
        String listUuid = parse(check(gateway.postJson("/api/exception_lists", """
                {"list_id":"%s","name":"Projection","description":"latency","type":"detection"}""".formatted(listId)))
                .body()).get("id").asText();
        long[] latencies = new long[samples];
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            check(gateway.postJson("/api/exception_lists/items", item(listId, i)));
            while (ruleService.itemCount(listUuid) < i + 1) {
                Thread.sleep(2);
            }
            latencies[i] = System.nanoTime() - started;
        }
        Figures.latencies("exceptions.projection.latency (created through the gateway -> rule-service)", latencies);
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
