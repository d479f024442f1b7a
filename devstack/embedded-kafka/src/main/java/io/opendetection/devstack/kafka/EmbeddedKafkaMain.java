package io.opendetection.devstack.kafka;

import io.opendetection.devstack.embedded.Arguments;
import io.opendetection.devstack.embedded.EmbeddedMain;
import io.opendetection.devstack.embedded.EmbeddedServer;
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
public final class EmbeddedKafkaMain implements EmbeddedServer {

    private static final String USAGE = "usage: EmbeddedKafkaMain --port <int> --controller-port <int>"
            + " --log-dir <path> --ready-file <path> [--cluster-id <id>] [--partitions <int>]";

    private record Options(int port, int controllerPort, Path logDir, String clusterId, int partitions) {
    }

    private final Options options;
    private volatile KafkaRaftServer server;

    private EmbeddedKafkaMain(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMain.run(args, USAGE, Set.of("port", "controller-port", "log-dir", "cluster-id", "partitions"),
                arguments -> new EmbeddedKafkaMain(parse(arguments)));
    }

    private static Options parse(Arguments arguments) throws Arguments.UsageException {
        return new Options(arguments.requiredInt("port"), arguments.requiredInt("controller-port"),
                Path.of(arguments.required("log-dir")).toAbsolutePath(),
                arguments.optional("cluster-id").orElseGet(Storage::newClusterId),
                arguments.optionalInt("partitions", 6));
    }

    @Override
    public Properties start() throws Exception {
        if (!Storage.isFormatted(options.logDir())) {
            Storage.format(options.logDir(), options.clusterId());
        }
        server = new KafkaRaftServer(new KafkaConfig(BrokerProperties.of(options.port(),
                options.controllerPort(), options.logDir(), options.partitions()), false), Time.SYSTEM);
        server.startup();

        String bootstrapServers = "127.0.0.1:" + options.port();
        awaitBroker(bootstrapServers, Duration.ofSeconds(60));
        Properties ready = new Properties();
        ready.setProperty("port", Integer.toString(options.port()));
        ready.setProperty("bootstrap.servers", bootstrapServers);
        System.out.println("kafka ready on " + bootstrapServers);
        return ready;
    }

    @Override
    public void stop() {
        KafkaRaftServer started = server;
        if (started != null) {
            started.shutdown();
            started.awaitShutdown();
        }
    }

    /** Ready means what clients see: the broker answers a describeCluster. */
    private static void awaitBroker(String bootstrapServers, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
