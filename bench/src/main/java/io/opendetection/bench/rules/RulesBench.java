package io.opendetection.bench.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;
import io.opendetection.devstack.ServiceSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rule management's goals (issue 3), through the gateway: import of 10,000 rules (the shared
 * prebuilt corpus, rule ids varied to reach the count), _find with a filter and a sort over them,
 * rule creation, export of the 10,000 — all of it twice, just after start and then again — then
 * {@code _find} and create again once the JIT has caught up ({@code steady:}), and last an import of 100,000 rules into another space with rule-service's resident memory read after it.
 *
 * <p>Usage: {@code GATEWAY_MAX_IMPORT_BYTES=1073741824 bench/run.sh rules.RulesBench [corpus.ndjson] [large-count]}
 * (100,000 rules of the corpus are a 738 MB file, over the gateway's default import limit); the corpus defaults
 * to {@code ../shared/corpus/prebuilt-rules-sample.ndjson} beside the checkout; a large count of 0 skips the
 * large import.
 */
public final class RulesBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("detection.root", "."));
        Path corpus = args.length > 0 ? Path.of(args[0]) : root.resolve("../shared/corpus/prebuilt-rules-sample.ndjson");
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (!Files.exists(corpus)) {
            System.err.println("the rules corpus " + corpus + " is absent: pass its path as the first argument");
            System.exit(2);
        }
        List<String> rules = Files.readAllLines(corpus).stream().filter(line -> !line.isBlank()).toList();
        Path target = Files.createDirectories(root.resolve("bench/target"));
        Path tenThousand = variedFile(rules, 10_000, target.resolve("rules-10000.ndjson"));
        Path many = large == 0 ? null : variedFile(rules, large, target.resolve("rules-" + large + ".ndjson"));

        try (BenchSystem system = BenchSystem.start()) {
            Gateway gateway = system.gateway();
            // The same work twice, each pass in a space of its own: the first pass is a service
            // that has just started (the JIT still compiling most of what it runs, for the whole
            // pass), the second a service that has been running. Both are printed, then the
            // steady figures of _find and create over the second pass's space.
            pass(gateway, "cold: ", tenThousand);
            steady(gateway, pass(gateway, "", tenThousand));
            if (many == null) {
                return;
            }
            Figures.print("rules.import." + large + ".file", Files.size(many) / (1024 * 1024) + " MiB");
            String otherSpace = "/s/bench-large-" + UUID.randomUUID().toString().substring(0, 8);
            long started = System.nanoTime();
            HttpResponse<String> largeImport = gateway.upload(otherSpace + "/api/detection_engine/rules/_import", many, "rules.ndjson");
            Figures.seconds("rules.import." + large + ".seconds (goal <= 120 s for 100,000)", started);
            report(largeImport);
            system.servicePid(ServiceSpec.RULES)
                    .ifPresent(pid -> Figures.print("rules.rule-service.rss.after-import (goal < 1024 MiB)",
                            Figures.rssMiB(pid) + " MiB"));
        }
    }

    /** Import of 10,000 rules, 300 {@code _find}s, 300 creates and the export, in a new space; returns the space. */
    private static String pass(Gateway gateway, String label, Path tenThousand) throws Exception {
        String space = "/s/bench-" + UUID.randomUUID().toString().substring(0, 8);
        String base = space + "/api/detection_engine/rules";

        long started = System.nanoTime();
        HttpResponse<String> imported = gateway.upload(base + "/_import", tenThousand, "rules.ndjson");
        Figures.seconds(label + "rules.import.10000.seconds (goal <= 10 s)", started);
        report(imported);

        Figures.latencies(label + "rules.find.filter+sort.over10000 (goal p99 <= 50 ms)", finds(gateway, base, 300));
        Figures.latencies(label + "rules.create (goal p99 <= 30 ms)", creates(gateway, base, 300));

        started = System.nanoTime();
        HttpResponse<String> export = gateway.send(gateway.request(base + "/_export").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
        Figures.seconds(label + "rules.export.10300.seconds (goal <= 5 s for 10,000)", started);
        check(export, "export");
        Figures.print(label + "rules.export.lines", String.valueOf(export.body().lines().count()));
        return space;
    }

    /**
     * {@code _find} and create once the services' JIT has caught up: a pass runs each path only 300
     * times, and on two cores the C2 compiler was still using as much CPU as the requests after
     * thousands of them. 3,000 of each first (the creates in a space of their own, so the searched
     * space keeps its 10,300 rules), then 1,000 of each measured.
     */
    private static void steady(Gateway gateway, String space) throws Exception {
        String base = space + "/api/detection_engine/rules";
        String scratch = "/s/bench-steady-" + UUID.randomUUID().toString().substring(0, 8) + "/api/detection_engine/rules";
        finds(gateway, base, 3_000);
        creates(gateway, scratch, 3_000);
        Figures.latencies("steady: rules.find.filter+sort.over10000 (goal p99 <= 50 ms)", finds(gateway, base, 1_000));
        Figures.latencies("steady: rules.create (goal p99 <= 30 ms)", creates(gateway, scratch, 1_000));
    }

    /** Latencies of {@code count} {@code _find}s with the bench's filter and sort, over ten pages. */
    private static long[] finds(Gateway gateway, String base, int count) throws Exception {
        String filter = URLEncoder.encode("alert.attributes.tags: \"Domain: Endpoint\" and alert.attributes.enabled: false",
                StandardCharsets.UTF_8);
        long[] finds = new long[count];
        for (int i = 0; i < finds.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> page = gateway.get(base + "/_find?per_page=20&page=" + (1 + i % 10)
                    + "&sort_field=name&sort_order=asc&filter=" + filter);
            finds[i] = System.nanoTime() - start;
            check(page, "_find");
        }
        return finds;
    }

    /** Latencies of {@code count} rule creations, each rule new. */
    private static long[] creates(Gateway gateway, String base, int count) throws Exception {
        long[] creates = new long[count];
        for (int i = 0; i < creates.length; i++) {
            String rule = """
                    {"name":"Bench rule %1$s","description":"bench","risk_score":21,"severity":"low","type":"query",
                     "query":"user.name: root and host.name: bench-%1$s","index":["logs-*"],"enabled":false}"""
                    .formatted(UUID.randomUUID());
            long start = System.nanoTime();
            HttpResponse<String> created = gateway.postJson(base, rule);
            creates[i] = System.nanoTime() - start;
            check(created, "create");
        }
        return creates;
    }

    /** {@code count} rules from the corpus, cycled, each with a rule_id of its own. */
    private static Path variedFile(List<String> rules, int count, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                ObjectNode rule = (ObjectNode) JSON.readTree(rules.get(i % rules.size()));
                rule.put("rule_id", rule.path("rule_id").asText() + "-" + i);
                out.write(JSON.writeValueAsString(rule));
                out.write('\n');
            }
        }
        return file;
    }

    private static void report(HttpResponse<String> response) throws IOException {
        check(response, "import");
        JsonNode result = JSON.readTree(response.body());
        Figures.print("  success_count / rules_count / errors", result.path("success_count").asText() + " / "
                + result.path("rules_count").asText() + " / " + result.path("errors").size());
        List<String> firstErrors = new ArrayList<>();
        result.path("errors").forEach(error -> {
            if (firstErrors.size() < 3) {
                firstErrors.add(error.toString());
            }
        });
        firstErrors.forEach(error -> System.out.println("  error: " + error));
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
