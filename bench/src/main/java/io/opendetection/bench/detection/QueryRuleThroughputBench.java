package io.opendetection.bench.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.bench.BenchSystem;
import io.opendetection.bench.Figures;
import io.opendetection.bench.Gateway;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Rule executions per minute on one rule-service replica: {@code rules} enabled query rules
 * (interval 1m, Kibana's minimum) that match nothing, over an index that exists (the space's alerts
 * index, so every run does its index check and its search). After a warm-up minute, the executions
 * published on detection.rule-executions.v1 are counted for {@code minutes} minutes.
 *
 * <p>Args: {@code [rules=2000] [minutes=3]}. Figures: executions_per_minute, rules_run_per_minute
 * (distinct rules per minute; equal to {@code rules} when none falls behind), executions_with_gap,
 * executions_failed.
 */
public final class QueryRuleThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryRuleThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (BenchSystem system = BenchSystem.start()) {
            Gateway gateway = system.gateway();
            HttpResponse<String> index = gateway.postJson("/api/detection_engine/index", "{}");
            if (index.statusCode() != 200) {
                throw new IllegalStateException("creating the alerts index failed: " + index.body());
            }
            long creating = System.nanoTime();
            // One _import of every rule: thousands of rules are created in seconds rather than minutes.
            Path file = Files.createTempFile("bench-rules-", ".ndjson");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(file)) {
                    for (int i = 0; i < rules; i++) {
                        out.write("""
                                {"rule_id":"bench-rule-%1$d","name":"Bench rule %1$d","description":"matches nothing","risk_score":21,\
                                "severity":"low","type":"query","query":"user.name: nobody-%1$d and host.name: nowhere",\
                                "interval":"1m","from":"now-70s","index":[".alerts-security.alerts-default"],"enabled":true}
                                """.formatted(i));
                    }
                }
                HttpResponse<String> imported = gateway.upload("/api/detection_engine/rules/_import", file, "rules.ndjson");
                JsonNode answer = JSON.readTree(imported.body());
                if (imported.statusCode() != 200 || answer.path("success_count").asInt() != rules) {
                    throw new IllegalStateException("importing the rules failed: " + imported.body());
                }
            } finally {
                Files.deleteIfExists(file);
            }
            Figures.seconds("rules_created_s", creating);
            count(system.kafkaBootstrapServers(), rules, minutes);
        }
    }

    private static void count(String bootstrapServers, int rules, int minutes) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("detection.rule-executions.v1"));
            Instant warm = Instant.now().plus(Duration.ofMinutes(1));
            while (Instant.now().isBefore(warm)) {
                consumer.poll(Duration.ofMillis(500));
            }
            Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
            long executions = 0;
            long gaps = 0;
            long failed = 0;
            Set<String> ruleMinutes = new HashSet<>();
            Instant start = Instant.now();
            while (Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode execution = JSON.readTree(record.value());
                    executions++;
                    if (!execution.path("executionGapS").isNull() && !execution.path("executionGapS").isMissingNode()) {
                        gaps++;
                    }
                    if ("failed".equals(execution.path("status").asText())) {
                        failed++;
                    }
                    long minute = Duration.between(start, Instant.now()).toMinutes();
                    ruleMinutes.add(record.key() + "@" + minute);
                }
            }
            Figures.print("rules", String.valueOf(rules));
            Figures.print("executions_per_minute", String.valueOf(executions / minutes));
            Figures.print("rules_run_per_minute", String.valueOf(ruleMinutes.size() / minutes));
            Figures.print("executions_with_gap", String.valueOf(gaps));
            Figures.print("executions_failed", String.valueOf(failed));
        }
    }
}
