package io.opendetection.devstack.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opendetection.devstack.embedded.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainTest {

    private static final String TOPIC = "alerts";

    @TempDir
    Path dir;

    @Test
    void producesConsumesAndKeepsRecordsAcrossRestarts() throws Exception {
        int port = ChildJvm.freePort();
        int controllerPort = ChildJvm.freePort();

        try (ChildJvm kafka = start(port, controllerPort, "first.log")) {
            Properties ready = kafka.awaitReady(dir.resolve("ready"));
            assertEquals(Integer.toString(port), ready.getProperty("port"));
            String bootstrapServers = ready.getProperty("bootstrap.servers");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "rule-1", "fired")).get();
            }
            assertEquals(List.of("rule-1=fired"), consumeAll(bootstrapServers, "first"));
            kafka.stop();
        }

        try (ChildJvm kafka = start(port, controllerPort, "second.log")) {
            Properties ready = kafka.awaitReady(dir.resolve("ready"));
            assertEquals(List.of("rule-1=fired"), consumeAll(ready.getProperty("bootstrap.servers"), "second"));
            kafka.stop();
        }
    }

    private ChildJvm start(int port, int controllerPort, String log) throws Exception {
        Files.deleteIfExists(dir.resolve("ready")); // the previous run's, which the poll would take for this one's
        return ChildJvm.start(dir.resolve(log), List.of(), EmbeddedKafkaMain.class.getName(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--log-dir", dir.resolve("logs").toString(), "--ready-file", dir.resolve("ready").toString());
    }

    private static List<String> consumeAll(String bootstrapServers, String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> records = new ArrayList<>();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
            return records;
        }
    }
}
