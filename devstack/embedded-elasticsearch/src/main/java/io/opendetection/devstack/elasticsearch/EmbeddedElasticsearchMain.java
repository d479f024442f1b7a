package io.opendetection.devstack.elasticsearch;

import io.opendetection.devstack.embedded.Arguments;
import io.opendetection.devstack.embedded.EmbeddedMain;
import io.opendetection.devstack.embedded.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.elasticsearch.xpack.core.XPackPlugin;
import org.elasticsearch.xpack.esql.core.plugin.EsqlCorePlugin;
import org.elasticsearch.xpack.esql.plugin.EsqlPlugin;
import org.elasticsearch.xpack.kql.KqlPlugin;

/**
 * A single-node Elasticsearch 8.19 (server, Netty4, x-pack-core, ES|QL, KQL) running in this JVM, for the
 * devstack.
 *
 * <pre>
 * java -Des.nativelibs.path=target/native/elasticsearch-8.19.21/lib/platform/linux-x64 -Dio.netty.noUnsafe=true \
 *   -cp target/classes:$(cat target/classpath.txt) io.opendetection.devstack.elasticsearch.EmbeddedElasticsearchMain \
 *   --http-port 9200 --transport-port 9300 --data-dir DIR --ready-file FILE [--cluster-name devstack]
 * </pre>
 *
 * JVM flags: {@code es.nativelibs.path} locates zstd, without which {@code best_compression} and logsdb
 * indices fail; {@code io.netty.noUnsafe} runs Netty as Elasticsearch's own jvm.options do. No others are
 * needed on Java 17; the heap comes from the caller's {@code -Xms}/{@code -Xmx}. The ready file holds {@code http.port} and {@code url}. New indices get
 * 0 replicas unless they ask for more ({@link ZeroReplicasPlugin}).
 */
public final class EmbeddedElasticsearchMain implements EmbeddedServer {

    private static final String USAGE = "usage: EmbeddedElasticsearchMain --http-port <int> --transport-port <int>"
            + " --data-dir <path> --ready-file <path> [--cluster-name <name>]";

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, XPackPlugin.class,
            EsqlCorePlugin.class, EsqlPlugin.class, KqlPlugin.class, RootEndpointPlugin.class,
            ZeroReplicasPlugin.class);

    private record Options(int httpPort, int transportPort, Path dataDir, String clusterName) {
    }

    private final Options options;
    private volatile Node node;

    private EmbeddedElasticsearchMain(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        // before anything logs: the test framework jar's log4j2-test.properties would win the classpath search
        System.setProperty("log4j2.configurationFile", "classpath:log4j2.properties");
        EmbeddedMain.run(args, USAGE, Set.of("http-port", "transport-port", "data-dir", "cluster-name"),
                arguments -> new EmbeddedElasticsearchMain(parse(arguments)));
    }

    private static Options parse(Arguments arguments) throws Arguments.UsageException {
        return new Options(arguments.requiredInt("http-port"), arguments.requiredInt("transport-port"),
                Path.of(arguments.required("data-dir")).toAbsolutePath(),
                arguments.optional("cluster-name").orElse("devstack"));
    }

    @Override
    public Properties start() throws Exception {
        LogConfigurator.configureESLogging();
        Settings settings = NodeSettings.of(options.dataDir(), options.httpPort(), options.transportPort(),
                options.clusterName());
        Path configDir = Files.createDirectories(NodeSettings.home(options.dataDir()).resolve("config"));
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir,
                () -> NodeSettings.NODE_NAME);
        node = new EmbeddedNode(environment, PLUGINS);
        node.start();

        // yellow: every primary is active, so the node serves; no index can ever be greener on one node
        ClusterHealthResponse health = node.client().admin().cluster()
                .health(new ClusterHealthRequest(TimeValue.timeValueSeconds(60)).waitForYellowStatus()
                        .timeout(TimeValue.timeValueSeconds(60)))
                .get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("cluster health is still " + health.getStatus());
        }
        Properties ready = new Properties();
        ready.setProperty("http.port", Integer.toString(options.httpPort()));
        ready.setProperty("url", "http://127.0.0.1:" + options.httpPort());
        System.out.println("elasticsearch ready on http://127.0.0.1:" + options.httpPort());
        return ready;
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        Node started = node;
        if (started != null) {
            started.close();
            if (!started.awaitClose(30, TimeUnit.SECONDS)) {
                System.err.println("elasticsearch did not close within 30 s");
            }
        }
    }
}
