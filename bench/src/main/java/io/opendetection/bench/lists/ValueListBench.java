package io.opendetection.bench.lists;

import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.CallerTokenSigner;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;
import io.opendetection.devstack.ServiceSpec;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.opendetection.bench.Http.sleep;

/**
 * Value lists at scale (issue 5): import of 1,000,000 IPv4 values through the gateway (with
 * lists-service's resident memory before and after), export of those 1,000,000 values, and the
 * membership question of the executors (10,000 values against a list of 1,000,000 addresses
 * with 10,000 ranges mixed in) through lists-service's internal API.
 */
public final class ValueListBench {
    private static final int VALUES = 1_000_000;
    private static final int RANGES = 10_000;
    private static final int ASKED = 10_000;
    private static final int ROUNDS = 100;
    // as executors keep asking: the first questions are answered by PostgreSQL while lists-service
    // builds the list's in-memory index, and the JIT warms up; and for at least WARM_UP, in which
    // PostgreSQL finishes what follows an import of a million rows (the planner's statistics, then
    // autovacuum's pass over the new rows), which would otherwise share the two cores with the questions
    private static final int WARM_UP_ROUNDS = 50;
    private static final Duration WARM_UP = Duration.ofSeconds(45);
    private static final String SPACE = "bench-lists";

    private ValueListBench() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchSystem system = BenchSystem.start()) {
            Gateway gateway = system.gateway();
            String base = "/s/" + SPACE;
            check(gateway.send(gateway.request(base + "/api/lists/index").POST(HttpRequest.BodyPublishers.noBody()).build()));
            Optional<Long> pid = system.servicePid(ServiceSpec.LISTS);

            Path addresses = Files.createTempFile("ips-", ".txt");
            Random random = new Random(5);
            List<String> inList = new ArrayList<>(VALUES);
            try (BufferedWriter out = Files.newBufferedWriter(addresses)) {
                for (int i = 0; i < VALUES; i++) {
                    String ip = (10 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                            + random.nextInt(256);
                    inList.add(ip);
                    out.write(ip);
                    out.write('\n');
                }
            }
            Figures.print("lists.import.file", String.format("%,d values, %.1f MB", VALUES, Files.size(addresses) / 1e6));

            pid.ifPresent(p -> Figures.print("lists.import.rss_before", Figures.rssMiB(p) + " MiB"));
            long started = System.nanoTime();
            check(gateway.upload(base + "/api/lists/items/_import?type=ip", addresses, "ips.txt"));
            Figures.seconds("lists.import.1m_ipv4_through_gateway", started);
            pid.ifPresent(p -> Figures.print("lists.import.rss_after", Figures.rssMiB(p) + " MiB"));

            started = System.nanoTime();
            HttpResponse<InputStream> exported = gateway.send(gateway.request(base
                            + "/api/lists/items/_export?list_id=ips.txt").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            try (InputStream body = exported.body()) {
                byte[] chunk = new byte[64 * 1024];
                for (int read = body.read(chunk); read >= 0; read = body.read(chunk)) {
                    for (int i = 0; i < read; i++) {
                        if (chunk[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            Figures.seconds("lists.export.1m_values_through_gateway", started);
            Figures.print("lists.export.lines", String.format("%,d (status %d)", lines, exported.statusCode()));

            // an ip_range list: the same addresses plus 10,000 ranges and CIDR blocks
            Path mixed = Files.createTempFile("ranges-", ".txt");
            Files.copy(addresses, mixed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (BufferedWriter out = Files.newBufferedWriter(mixed, java.nio.file.StandardOpenOption.APPEND)) {
                for (int i = 0; i < RANGES; i++) {
                    int a = 210 + random.nextInt(40);
                    int b = random.nextInt(256);
                    out.write(i % 2 == 0 ? a + "." + b + "." + random.nextInt(256) + ".0/24"
                            : a + "." + b + ".0.1-" + a + "." + b + ".0.99");
                    out.write('\n');
                }
            }
            started = System.nanoTime();
            check(gateway.upload(base + "/api/lists/items/_import?type=ip_range", mixed, "ranges.txt"));
            Figures.seconds("lists.import.1m_ips_10k_ranges_through_gateway", started);

            membership(system, inList, random);
            Files.deleteIfExists(addresses);
            Files.deleteIfExists(mixed);
        }
    }

    /** Half of the values asked about are in the list (equal or inside a range), half are not. */
    private static void membership(BenchSystem system, List<String> inList, Random random) throws Exception {
        Optional<String> lists = system.serviceUrl(ServiceSpec.LISTS);
        Optional<Path> signingKey = system.signingKey();
        if (lists.isEmpty() || signingKey.isEmpty()) {
            Figures.print("lists.match", "skipped: set BENCH_LISTS_SERVICE_URL and BENCH_SIGNING_KEY to measure a running system");
            return;
        }
        String url = lists.get();
        Path key = signingKey.get();
        // HTTP/1.1 as the services call each other (ServiceCalls); the JDK client would otherwise upgrade to HTTP/2
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] warmUp = new long[WARM_UP_ROUNDS];
        long warmUntil = System.nanoTime() + WARM_UP.toNanos();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            warmUp[round] = ask(http, url, key, inList, random).nanos();
        }
        int more = 0;
        while (System.nanoTime() < warmUntil) {
            ask(http, url, key, inList, random);
            more++;
            sleep(200);
        }
        Figures.print("lists.match.warm_up_questions", (WARM_UP_ROUNDS + more) + " in " + WARM_UP.toSeconds() + " s or more");
        Figures.print("lists.match.first_call", String.format("%.1f ms", warmUp[0] / 1e6));
        Figures.latencies("lists.match.warm_up", warmUp);
        long[] nanos = new long[ROUNDS];
        int matched = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Answer answer = ask(http, url, key, inList, random);
            nanos[round] = answer.nanos();
            matched = answer.matched();
        }
        Figures.latencies("lists.match.10k_values_vs_1m_ips_10k_ranges", nanos);
        Figures.print("lists.match.matched_in_last_round", String.format("%,d of %,d", matched, ASKED));
    }

    private record Answer(long nanos, int matched) {
    }

    private static Answer ask(HttpClient http, String url, Path key, List<String> inList, Random random) throws Exception {
        StringBuilder body = new StringBuilder(ASKED * 18).append("{\"values\":[");
        for (int i = 0; i < ASKED; i++) {
            String value = i % 4 == 0 ? inList.get(random.nextInt(inList.size()))
                    : i % 4 == 1 ? (210 + random.nextInt(40)) + "." + random.nextInt(256) + ".0." + (1 + random.nextInt(99))
                    : "250." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            body.append(i == 0 ? "\"" : ",\"").append(value).append('"');
        }
        body.append("]}");
        // a token per question: they live a minute, as the gateway's do
        String token = CallerTokenSigner.token(key, "elastic", SPACE, 60);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/internal/value-lists/ranges.txt/_match"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - started;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("match answered " + answer.statusCode() + ": " + answer.body());
        }
        return new Answer(nanos, answer.body().split("\",\"").length);
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
        }
    }
}
