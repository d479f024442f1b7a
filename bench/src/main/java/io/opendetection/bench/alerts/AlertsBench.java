package io.opendetection.bench.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;
import io.opendetection.bench.Http;
import io.opendetection.devstack.InfrastructureOptions;
import io.opendetection.devstack.Ports;
import io.opendetection.devstack.ProjectLayout;
import io.opendetection.devstack.ServiceSpec;
import io.opendetection.devstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.opendetection.bench.Http.ok;
import static io.opendetection.bench.Http.parse;
import static io.opendetection.bench.Http.post;
import static io.opendetection.bench.Http.put;
import static io.opendetection.bench.Http.sleep;

/**
 * The alerts goals of issue 7, on one started system:
 * <ol>
 *   <li>ingest: N alerts published on detection.alerts.v1 while alert-service is stopped, then the
 *       time from its start until all are searchable (part {@code ingest-live}: published while it
 *       consumes), against the
 *       same documents bulk-indexed straight into Elasticsearch (1,000 per bulk, one after the other,
 *       as alert-service's consumer does);</li>
 *   <li>close those N alerts by query (match_all), then the time until every change is published
 *       on detection.alert-changes.v1 (published implies audited: the event and the applied audit
 *       row are written in one transaction), against the floor: the same change written straight
 *       into Elasticsearch, N other alerts, once before and once after;</li>
 *   <li>signals/search with a terms aggregation over 1,000,000 alerts (the rest bulk-indexed
 *       directly), p50/p99.</li>
 * </ol>
 * Arguments: {@code [alerts to ingest, default 100000] [alerts to search over, default 1000000]
 * [parts, default ingest,close,search]}. Without the ingest part, the alerts to close are bulk-indexed
 * straight into Elasticsearch (the same documents), so the other parts can be measured alone.
 * It starts its own system, like BenchSystem, because it also needs Elasticsearch itself.
 */
public final class AlertsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BULK = 1000;
    private static final String TOPIC = "detection.alerts.v1";
    private static final String INGEST_GROUP = "alert-service.alerts-ingest";

    private AlertsBench() {
    }

    public static void main(String[] args) throws Exception {
        int ingest = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int searchOver = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Set<String> parts = Set.of((args.length > 2 ? args[2] : "ingest,close,search").split(","));
        Path workDir = Files.createTempDirectory(Files.createDirectories(
                ProjectLayout.discover().root().resolve("bench/target")), "bench-alerts-");
        Map<String, String> rolePasswords = new LinkedHashMap<>();
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            rolePasswords.put(spec.schema(), UUID.randomUUID().toString());
            ports.put(spec, Ports.free());
        }
        String password = "bench-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (Stack stack = Stack.start(ProjectLayout.discover(), new Stack.Options(
                InfrastructureOptions.forTests(workDir, EnumSet.allOf(InfrastructureOptions.Component.class),
                        UUID.randomUUID().toString(), rolePasswords),
                ports, password, List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError")))) {
            System.out.printf("system started in %.1f s (work dir %s)%n", (System.nanoTime() - started) / 1e9, workDir);
            Gateway gateway = new Gateway(stack.gatewayUrl(), "elastic", password);
            String elasticsearch = "http://" + stack.infrastructure().elasticsearchHosts().split(",")[0];
            String kafka = stack.infrastructure().kafkaBootstrapServers();

            String ingested = "bench-ingest";
            String direct = "bench-direct";
            ok(gateway.postJson("/s/" + direct + "/api/detection_engine/index", "{}"));
            int seeded = 0;
            if (parts.contains("ingest") || parts.contains("ingest-live")) {
                // Elasticsearch indexes its first documents after a start far slower than later ones (its
                // JIT): whichever path went first would pay for it, so neither does.
                String warmUp = "bench-warm-up";
                ok(gateway.postJson("/s/" + warmUp + "/api/detection_engine/index", "{}"));
                Figures.seconds("alerts.ingest warming Elasticsearch up with " + ingest + " alerts",
                        seed(elasticsearch, warmUp, 0, ingest));
                // both paths write into an index created beforehand, so both start with the same index
                ok(gateway.postJson("/s/" + ingested + "/api/detection_engine/index", "{}"));
                ok(gateway.postJson("/s/bench-ingest-live/api/detection_engine/index", "{}"));
            }
            if (parts.contains("ingest-live")) {
                // Published while alert-service consumes: the benchmark's publisher shares the cores.
                String live = "bench-ingest-live";
                long liveNanos = ingestFromKafka(gateway, kafka, elasticsearch, live, ingest, null);
                Figures.print("alerts.ingest " + ingest + " alerts from Kafka, published while consumed",
                        String.format("%.1f s, %.0f alerts/s", liveNanos / 1e9, ingest / (liveNanos / 1e9)));
                Figures.indexStats("alerts.ingest from Kafka while published, alerts index", elasticsearch,
                        ".alerts-security.alerts-" + live);
            }
            if (parts.contains("ingest")) {
                long ingestNanos = ingestFromKafka(gateway, kafka, elasticsearch, ingested, ingest, stack);
                long directNanos = bulkDirectly(elasticsearch, direct, 0, ingest, true);
                seeded = ingest;
                double kafkaRate = ingest / (ingestNanos / 1e9);
                double directRate = ingest / (directNanos / 1e9);
                Figures.print("alerts.ingest " + ingest + " alerts from Kafka", String.format("%.1f s, %.0f alerts/s",
                        ingestNanos / 1e9, kafkaRate));
                Figures.print("alerts.ingest " + ingest + " alerts bulk-indexed directly", String.format(
                        "%.1f s, %.0f alerts/s", directNanos / 1e9, directRate));
                Figures.print("alerts.ingest ratio Kafka / direct", String.format("%.2f", kafkaRate / directRate));
                Figures.indexStats("alerts.ingest from Kafka, alerts index", elasticsearch, ".alerts-security.alerts-" + ingested);
                Figures.indexStats("alerts.ingest directly, alerts index", elasticsearch, ".alerts-security.alerts-" + direct);
            } else if (parts.contains("close")) {
                ok(gateway.postJson("/s/" + ingested + "/api/detection_engine/index", "{}"));
                Figures.seconds("alerts.close seeding " + ingest + " alerts directly", seed(elasticsearch, ingested, 0, ingest));
            }

            if (parts.contains("close")) {
                // The floor: the same change made straight in Elasticsearch, before and after alert-service's
                // close, so neither side alone has Elasticsearch's warmer JIT.
                // Warm-up, not counted: the first close after a start is largely the JITs of alert-service,
                // rule-service (which reads every change), Kafka and Elasticsearch compiling the path; a
                // running system has. A close of as many alerts as the measured one: after one of 30,000
                // their compiler threads were still among the busiest through the measured close.
                String warmUp = "bench-close-warm-up";
                int warmUpAlerts = ingest;
                ok(gateway.postJson("/s/" + warmUp + "/api/detection_engine/index", "{}"));
                seed(elasticsearch, warmUp, 0, warmUpAlerts);
                closeByQuery(gateway, kafka, warmUp, warmUpAlerts, "warm-up, not counted: ");
                String floor = "bench-close-direct";
                ok(gateway.postJson("/s/" + floor + "/api/detection_engine/index", "{}"));
                Figures.seconds("alerts.close seeding " + ingest + " alerts directly for the floor",
                        seed(elasticsearch, floor, 0, ingest));
                closeDirectly(elasticsearch, floor, ingest, "before");
                closeByQuery(gateway, kafka, ingested, ingest, "");
                closeDirectly(elasticsearch, floor, ingest, "after");
                Figures.indexStats("alerts.close floor, alerts index", elasticsearch, ".alerts-security.alerts-" + floor);
                Figures.indexStats("alerts.close by alert-service, alerts index", elasticsearch,
                        ".alerts-security.alerts-" + ingested);
            }

            if (parts.contains("search")) {
                long start = seed(elasticsearch, direct, seeded, searchOver - seeded);
                Figures.seconds("alerts.search seeding " + (searchOver - seeded) + " alerts directly", start);
                searchLatencies(gateway, direct, searchOver);
            }
        }
    }

    /**
     * Bulk-indexes alerts as fast as Elasticsearch takes them (no refresh while loading, two bulks in
     * flight), then refreshes; answers when it started. Only for setting up what a part measures.
     */
    private static long seed(String elasticsearch, String space, int from, int count) throws Exception {
        long start = System.nanoTime();
        String index = elasticsearch + "/.alerts-security.alerts-" + space;
        put(index + "/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
        int slices = 2;
        ExecutorService workers = Executors.newFixedThreadPool(slices);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int slice = 0; slice < slices; slice++) {
                int sliceFrom = from + (int) ((long) count * slice / slices);
                int sliceTo = from + (int) ((long) count * (slice + 1) / slices);
                done.add(workers.submit(() -> bulkDirectly(elasticsearch, space, sliceFrom, sliceTo - sliceFrom, false)));
            }
            for (Future<Long> slice : done) {
                slice.get();
            }
        } finally {
            workers.shutdown();
        }
        put(index + "/_settings", "{\"index\":{\"refresh_interval\":null}}");
        post(index + "/_refresh", "");
        return start;
    }

    /**
     * Publishes the alerts and waits until alert-service made them all searchable; answers the
     * nanoseconds taken. With a stack, alert-service is stopped while they are published and the time
     * runs from its start (its start-up included), so what is measured is alert-service's ingest of
     * the topic alone, as in production, where the executors publish from cores of their own.
     * Without one they are published while it consumes: the publisher's work is then in the figure.
     */
    private static long ingestFromKafka(Gateway gateway, String kafka, String elasticsearch, String space, int count,
                                        Stack backlog) {
        if (backlog != null) {
            backlog.stopService(ServiceSpec.ALERTS, false);
        }
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String id = id(space, i);
                ObjectNode event = JSON.createObjectNode().put("space", space).put("id", id);
                event.set("document", alert(space, id, i));
                ProducerRecord<String, String> record = new ProducerRecord<>("detection.alerts.v1", id, event.toString());
                record.headers().add("ce_type", "io.opendetection.alert.created.v1".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        Figures.seconds("alerts.ingest publishing " + count + " events", start);
        if (backlog != null) {
            start = System.nanoTime();
            backlog.startService(ServiceSpec.ALERTS);
            Figures.seconds("alerts.ingest alert-service started", start);
        }
        awaitCommitted(kafka);
        // alert-service commits a batch only once Elasticsearch acknowledged it; then one refresh, as the direct path ends
        post(elasticsearch + "/.alerts-security.alerts-" + space + "/_refresh", "");
        long nanos = System.nanoTime() - start;
        long searchable = count(gateway, space);
        if (searchable != count) {
            throw new IllegalStateException(searchable + " of " + count + " alerts searchable after alert-service committed");
        }
        return nanos;
    }

    /**
     * Waits until alert-service's consumer group has committed the end of every partition of
     * detection.alerts.v1. Watching Kafka rather than counting alerts keeps the benchmark's own
     * searches off the index: a searched index refreshes every second (and merges what it
     * refreshed), one nobody searches does not, and the direct path is not searched either.
     */
    private static void awaitCommitted(String kafka) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(TOPIC, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(INGEST_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()))) {
                    return;
                }
                sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The same documents as the Kafka path, bulk-created straight into the space's alerts alias. */
    private static long bulkDirectly(String elasticsearch, String space, int from, int count, boolean refresh) {
        long start = System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            String id = id(space, i);
            body.append("{\"create\":{\"_index\":\".alerts-security.alerts-").append(space).append("\",\"_id\":\"")
                    .append(id).append("\"}}\n").append(alert(space, id, i)).append('\n');
            if ((i - from + 1) % BULK == 0 || i == from + count - 1) {
                JsonNode answer = post(elasticsearch + "/_bulk", body.toString());
                if (answer.path("errors").asBoolean()) {
                    throw new IllegalStateException("bulk errors: " + answer.toString().substring(0, 500));
                }
                body.setLength(0);
            }
        }
        if (refresh) {
            post(elasticsearch + "/.alerts-security.alerts-" + space + "/_refresh", "");
        }
        return System.nanoTime() - start;
    }

    private static void closeByQuery(Gateway gateway, String kafka, String space, int count, String label) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("detection.alert-changes.v1"));
            long start = System.nanoTime();
            HttpResponse<String> response = gateway.postJson("/s/" + space + "/api/detection_engine/signals/status",
                    "{\"query\":{\"match_all\":{}},\"status\":\"closed\",\"reason\":\"automated_closure\"}");
            Figures.seconds("alerts.close " + label + count + " alerts by query (response " + response.statusCode() + ")",
                    start);
            int changed;
            if (response.statusCode() == 200) {
                JsonNode result = parse(response.body());
                Figures.print("alerts.close " + label + "result", "total=" + result.path("total") + " updated="
                        + result.path("updated") + " version_conflicts=" + result.path("version_conflicts") + " took="
                        + result.path("took") + " ms");
                changed = result.path("updated").asInt();
            } else {
                // e.g. the gateway's idle timeout on a busy machine: alert-service goes on, so wait for every alert
                Figures.print("alerts.close answer", response.body());
                changed = count;
            }
            Set<String> published = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (published.size() < changed && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains("\"space\":\"" + space + "\"")) {
                        published.add(record.key());
                    }
                }
            }
            Figures.seconds("alerts.close " + label + count + " alerts by query (" + published.size()
                    + " changes published)", start);
        }
    }

    /**
     * The close's floor: the same change written straight into Elasticsearch as alert-service writes
     * it, with nothing recorded or published: pages of 1,000 read through a point in time, each alert
     * indexed whole with the workflow fields set, conditional on its {@code _seq_no}, two bulks in
     * flight, then a refresh. The alerts are written whatever their status, so it can run again.
     */
    private static void closeDirectly(String elasticsearch, String space, int count, String when) throws Exception {
        long start = System.nanoTime();
        String alias = ".alerts-security.alerts-" + space;
        String pit = post(elasticsearch + "/" + alias + "/_pit?keep_alive=2m", "").path("id").asText();
        String now = Instant.now().toString();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> inFlight = new ArrayList<>();
        JsonNode searchAfter = null;
        long written = 0;
        try {
            while (true) {
                ObjectNode request = JSON.createObjectNode().put("size", BULK);
                request.putObject("pit").put("id", pit).put("keep_alive", "2m");
                request.putArray("sort").addObject().put("_shard_doc", "asc");
                if (searchAfter != null) {
                    request.set("search_after", searchAfter);
                }
                request.put("seq_no_primary_term", true).put("track_total_hits", false);
                JsonNode hits = post(elasticsearch + "/_search", request.toString()).path("hits").path("hits");
                if (hits.isEmpty()) {
                    break;
                }
                searchAfter = hits.get(hits.size() - 1).get("sort");
                StringBuilder body = new StringBuilder(hits.size() * 2048);
                for (JsonNode hit : hits) {
                    ObjectNode alert = (ObjectNode) hit.get("_source");
                    alert.put("kibana.alert.workflow_status", "closed")
                            .put("kibana.alert.workflow_status_updated_at", now)
                            .putNull("kibana.alert.workflow_user")
                            .put("kibana.alert.workflow_reason", "automated_closure");
                    ObjectNode action = JSON.createObjectNode();
                    action.putObject("index").put("_index", hit.path("_index").asText()).put("_id", hit.path("_id").asText())
                            .put("if_seq_no", hit.path("_seq_no").asLong())
                            .put("if_primary_term", hit.path("_primary_term").asLong());
                    body.append(action).append('\n').append(alert).append('\n');
                }
                written += hits.size();
                while (inFlight.size() >= 2) {
                    inFlight.remove(0).get();
                }
                String bulk = body.toString();
                inFlight.add(writers.submit(() -> Http.bulk(elasticsearch + "/_bulk?filter_path=errors,items.*.error", bulk)));
                if (hits.size() < BULK) {
                    break;
                }
            }
            for (Future<?> write : inFlight) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
        post(elasticsearch + "/" + alias + "/_refresh", "");
        Figures.seconds("alerts.close floor (" + when + "): " + written + " of " + count
                + " alerts changed straight in Elasticsearch", start);
    }

    private static void searchLatencies(Gateway gateway, String space, int expected) {
        String body = """
                {"size":0,"query":{"bool":{"filter":[{"term":{"kibana.alert.workflow_status":"open"}}],
                 "must_not":[{"exists":{"field":"kibana.alert.building_block_type"}}]}},
                 "aggs":{"alertsByGrouping":{"terms":{"field":"host.name","size":10}},
                         "missingFields":{"missing":{"field":"host.name"}}}}""";
        long total = count(gateway, space);
        Figures.print("alerts.search alerts in the space", String.valueOf(total));
        for (int i = 0; i < 20; i++) {
            ok(gateway.postJson("/s/" + space + "/api/detection_engine/signals/search", body));
        }
        int runs = 300;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ok(gateway.postJson("/s/" + space + "/api/detection_engine/signals/search", body));
            nanos[i] = System.nanoTime() - start;
        }
        Figures.latencies("alerts.search terms aggregation over " + expected + " alerts", nanos);
    }

    static String id(String space, int i) {
        return UUID.nameUUIDFromBytes((space + ":" + i).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "")
                + String.format("%08d", i);
    }

    /** An alert as the query executor writes it (ENGINE.md §12), about 2 KB. */
    static ObjectNode alert(String space, String id, int i) {
        String now = Instant.now().toString();
        ObjectNode alert = JSON.createObjectNode();
        alert.put("@timestamp", now);
        alert.put("event.kind", "signal");
        alert.put("event.action", "user_login");
        alert.put("event.category", "authentication");
        alert.put("host.name", "host-" + (i % 1000));
        alert.put("user.name", "user-" + (i % 97));
        alert.put("source.ip", "10." + (i % 200) + "." + (i % 250) + ".1");
        alert.putArray("kibana.space_ids").add(space);
        alert.put("kibana.version", "8.19.0");
        alert.put("kibana.alert.uuid", id);
        alert.put("kibana.alert.status", "active");
        alert.put("kibana.alert.workflow_status", "open");
        alert.putArray("kibana.alert.workflow_tags");
        alert.putArray("kibana.alert.workflow_assignee_ids");
        alert.put("kibana.alert.original_time", now);
        alert.put("kibana.alert.start", now);
        alert.put("kibana.alert.last_detected", now);
        alert.put("kibana.alert.reason", "authentication event with source user-" + (i % 97) + " on host-"
                + (i % 1000) + " created high alert Brute force.");
        alert.put("kibana.alert.severity", "high");
        alert.put("kibana.alert.risk_score", 73);
        alert.put("kibana.alert.depth", 1);
        alert.putArray("kibana.alert.ancestors").addObject().put("id", "evt-" + id).put("type", "event")
                .put("index", "logs-system.auth-default").put("depth", 0);
        alert.put("kibana.alert.rule.uuid", "0b8d7a3e-1f2c-4e5d-9a6b-7c8d9e0f1a2b");
        alert.put("kibana.alert.rule.rule_id", "brute-force");
        alert.put("kibana.alert.rule.name", "Brute force");
        alert.put("kibana.alert.rule.type", "query");
        alert.put("kibana.alert.rule.rule_type_id", "siem.queryRule");
        alert.put("kibana.alert.rule.consumer", "siem");
        alert.put("kibana.alert.rule.producer", "siem");
        alert.put("kibana.alert.rule.category", "Custom Query Rule");
        alert.put("kibana.alert.rule.description", "Many failed logins followed by a success on the same host.");
        alert.put("kibana.alert.rule.severity", "high");
        alert.put("kibana.alert.rule.risk_score", 73);
        alert.put("kibana.alert.rule.version", 3);
        alert.put("kibana.alert.rule.enabled", true);
        alert.put("kibana.alert.rule.from", "now-6m");
        alert.put("kibana.alert.rule.to", "now");
        alert.put("kibana.alert.rule.interval", "5m");
        alert.put("kibana.alert.rule.max_signals", 100);
        alert.putArray("kibana.alert.rule.tags").add("Brute Force").add("Linux");
        alert.put("kibana.alert.rule.execution.uuid", UUID.nameUUIDFromBytes(("exec" + i / 100).getBytes()).toString());
        alert.put("kibana.alert.rule.execution.type", "scheduled");
        return alert;
    }

    private static long count(Gateway gateway, String space) {
        HttpResponse<String> response = gateway.postJson("/s/" + space + "/api/detection_engine/signals/search",
                "{\"size\":0,\"track_total_hits\":true}");
        return response.statusCode() == 200 ? parse(response.body()).at("/hits/total/value").asLong() : -1;
    }
}
