package io.opendetection.devstack;

import io.opendetection.devstack.InfrastructureOptions.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real PostgreSQL, Kafka and Elasticsearch, each in a JVM of its own on 127.0.0.1, started in
 * parallel from the devstack's embedded modules. Used by the devstack command and by the test kit.
 */
public final class Infrastructure implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final InfrastructureOptions options;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private volatile long postgresServerPid = -1;

    private Infrastructure(InfrastructureOptions options) {
        this.options = options;
    }

    public static Infrastructure start(ProjectLayout layout, InfrastructureOptions options) {
        Infrastructure infrastructure = new Infrastructure(options);
        try {
            infrastructure.startAll(layout);
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    private void startAll(ProjectLayout layout) {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        if (options.has(Component.POSTGRES)) {
            starting.add(CompletableFuture.runAsync(() -> startPostgres(layout)));
        }
        if (options.has(Component.KAFKA)) {
            starting.add(CompletableFuture.runAsync(() -> startKafka(layout)));
        }
        if (options.has(Component.ELASTICSEARCH)) {
            starting.add(CompletableFuture.runAsync(() -> startElasticsearch(layout)));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void startPostgres(ProjectLayout layout) {
        Path dir = options.workDir().resolve("postgres");
        Path ready = dir.resolve("ready.properties");
        List<String> command = javaCommand(layout, "embedded-postgres", "-Xmx96m",
                "io.opendetection.devstack.postgres.EmbeddedPostgresMain");
        command.addAll(List.of("--port", String.valueOf(options.postgresPort()),
                "--data-dir", dir.resolve("data").toString(),
                "--ready-file", ready.toString(),
                "--superuser-password", options.superuserPassword(),
                "--database", options.database()));
        for (Map.Entry<String, String> role : options.roles().entrySet()) {
            command.addAll(List.of("--role", role.getKey() + ":" + role.getValue()));
        }
        Properties properties = launch("postgres", command, ready);
        postgresServerPid = Long.parseLong(properties.getProperty("pid", "-1"));
    }

    private void startKafka(ProjectLayout layout) {
        Path dir = options.workDir().resolve("kafka");
        Path ready = dir.resolve("ready.properties");
        List<String> command = javaCommand(layout, "embedded-kafka", "-Xmx512m",
                "io.opendetection.devstack.kafka.EmbeddedKafkaMain");
        command.addAll(List.of("--port", String.valueOf(options.kafkaPort()),
                "--controller-port", String.valueOf(options.kafkaControllerPort()),
                "--log-dir", dir.resolve("data").toString(),
                "--ready-file", ready.toString()));
        launch("kafka", command, ready);
    }

    private void startElasticsearch(ProjectLayout layout) {
        Path dir = options.workDir().resolve("elasticsearch");
        Path ready = dir.resolve("ready.properties");
        List<String> command = javaCommand(layout, "embedded-elasticsearch", "-Xmx" + options.elasticsearchHeap(),
                "io.opendetection.devstack.elasticsearch.EmbeddedElasticsearchMain",
                "-Xms" + options.elasticsearchHeap(),
                "-Des.nativelibs.path=" + layout.elasticsearchNativeLibraries(),
                "-Dio.netty.noUnsafe=true");
        command.addAll(List.of("--http-port", String.valueOf(options.elasticsearchPort()),
                "--transport-port", String.valueOf(options.elasticsearchTransportPort()),
                "--data-dir", dir.resolve("node").toString(),
                "--ready-file", ready.toString()));
        launch("elasticsearch", command, ready);
    }

    private static List<String> javaCommand(ProjectLayout layout, String module, String heap, String mainClass,
                                            String... jvmFlags) {
        List<String> command = new ArrayList<>(List.of(ProjectLayout.javaExecutable(), heap));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", layout.infrastructureClasspath(module), mainClass));
        return command;
    }

    private Properties launch(String name, List<String> command, Path ready) {
        try {
            Files.createDirectories(ready.getParent());
            Files.deleteIfExists(ready);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(),
                options.workDir().resolve("logs").resolve(name + ".log"));
        synchronized (processes) {
            processes.add(process);
        }
        return process.awaitReadyFile(ready, READY_TIMEOUT);
    }

    public InfrastructureOptions options() {
        return options;
    }

    /** {@code postgresql://127.0.0.1:<port>/<database>}: the reactive URL; prefix {@code jdbc:} for JDBC. */
    public String postgresUrl() {
        return "postgresql://127.0.0.1:" + options.postgresPort() + "/" + options.database();
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + options.kafkaPort();
    }

    /** {@code host:port}, as Quarkus's Elasticsearch client wants it. */
    public String elasticsearchHosts() {
        return "127.0.0.1:" + options.elasticsearchPort();
    }

    public List<ManagedProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes);
        }
    }

    /** Stops every process, last started first; a PostgreSQL server left behind is killed by its pid. */
    @Override
    public void close() {
        List<ManagedProcess> toStop;
        synchronized (processes) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        java.util.Collections.reverse(toStop);
        toStop.forEach(ManagedProcess::close);
        if (postgresServerPid > 0) {
            ProcessHandle.of(postgresServerPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
