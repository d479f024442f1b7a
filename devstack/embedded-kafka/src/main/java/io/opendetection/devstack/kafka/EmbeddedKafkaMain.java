package io.opendetection.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka (broker and controller) running in this JVM, for the devstack.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) io.opendetection.devstack.kafka.EmbeddedKafkaMain \
 *   --port 9092 --controller-port 9093 --log-dir DIR --ready-file FILE [--cluster-id ID] [--partitions 6]
 * </pre>
 *
 * The ready file holds {@code port} and {@code bootstrap.servers}. {@code --cluster-id} only matters when the
 * log dir is formatted, i.e. on its first start. No JVM flags are needed.
 */
public final class EmbeddedKafkaMain {

    private static final String USAGE = "usage: EmbeddedKafkaMain --port <int> --controller-port <int>"
            + " --log-dir <path> --ready-file <path> [--cluster-id <id>] [--partitions <int>]";

    private record Options(int port, int controllerPort, Path logDir, Path readyFile, String clusterId,
            int partitions) {
    }

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (Arguments.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ParentWatchdog.start();
        try {
            run(options);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        Thread.currentThread().join(); // serve until a signal or the watchdog ends the JVM
    }

    private static Options parse(String[] args) throws Arguments.UsageException {
        Arguments arguments = new Arguments(args,
                Set.of("port", "controller-port", "log-dir", "ready-file", "cluster-id", "partitions"));
        return new Options(arguments.requiredInt("port"), arguments.requiredInt("controller-port"),
                Path.of(arguments.required("log-dir")).toAbsolutePath(), Path.of(arguments.required("ready-file")),
                arguments.optional("cluster-id").orElseGet(Storage::newClusterId),
                arguments.optionalInt("partitions", 6));
    }

    private static void run(Options options) throws Exception {
        ReadyFile.deleteStale(options.readyFile());
        if (!Storage.isFormatted(options.logDir())) {
            Storage.format(options.logDir(), options.clusterId());
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(BrokerProperties.of(options.port(),
                options.controllerPort(), options.logDir(), options.partitions()), false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-stop"));
        server.startup();

        String bootstrapServers = "127.0.0.1:" + options.port();
        awaitBroker(bootstrapServers, Duration.ofSeconds(60));
        Properties ready = new Properties();
        ready.setProperty("port", Integer.toString(options.port()));
        ready.setProperty("bootstrap.servers", bootstrapServers);
        ReadyFile.write(options.readyFile(), ready);
        System.out.println("kafka ready on " + bootstrapServers);
    }

    /** Ready means what clients see: the broker answers a describeCluster. */
    private static void awaitBroker(String bootstrapServers, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
