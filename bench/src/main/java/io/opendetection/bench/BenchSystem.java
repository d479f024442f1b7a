package io.opendetection.bench;

import io.opendetection.devstack.InfrastructureOptions;
import io.opendetection.devstack.ManagedProcess;
import io.opendetection.devstack.Ports;
import io.opendetection.devstack.ProjectLayout;
import io.opendetection.devstack.ServiceSpec;
import io.opendetection.devstack.Stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The system a benchmark measures: the whole devstack started on free ports with its work
 * directory under bench/target/ (each service JVM as devstack runs it), or a running system when
 * {@code BENCH_GATEWAY_URL} is set (with {@code BENCH_ELASTIC_PASSWORD}).
 */
public final class BenchSystem implements AutoCloseable {
    private final Stack stack;
    private final String gatewayUrl;
    private final String elasticPassword;
    private final Map<ServiceSpec, Integer> servicePorts;

    private BenchSystem(Stack stack, String gatewayUrl, String elasticPassword, Map<ServiceSpec, Integer> ports) {
        this.stack = stack;
        this.gatewayUrl = gatewayUrl;
        this.elasticPassword = elasticPassword;
        this.servicePorts = ports;
    }

    public static BenchSystem start() {
        String attached = System.getenv("BENCH_GATEWAY_URL");
        if (attached != null && !attached.isBlank()) {
            return new BenchSystem(null, attached, System.getenv().getOrDefault("BENCH_ELASTIC_PASSWORD", "changeme"),
                    Map.of());
        }
        Path workDir = workDir();
        Map<String, String> rolePasswords = new LinkedHashMap<>();
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            rolePasswords.put(spec.schema(), UUID.randomUUID().toString());
            ports.put(spec, Ports.free());
        }
        InfrastructureOptions infrastructure = InfrastructureOptions.forTests(workDir,
                EnumSet.allOf(InfrastructureOptions.Component.class), UUID.randomUUID().toString(), rolePasswords);
        String elasticPassword = "bench-" + UUID.randomUUID();
        long started = System.nanoTime();
        Stack stack = Stack.start(ProjectLayout.discover(), new Stack.Options(infrastructure, ports, elasticPassword,
                List.of("-Xmx" + System.getenv().getOrDefault("BENCH_SERVICE_HEAP", "1g"), "-XX:+ExitOnOutOfMemoryError")));
        System.out.printf("system started in %.1f s (work dir %s)%n", (System.nanoTime() - started) / 1e9, workDir);
        return new BenchSystem(stack, stack.gatewayUrl(), elasticPassword, ports);
    }

    public Gateway gateway() {
        return new Gateway(gatewayUrl, "elastic", elasticPassword);
    }

    public String kafkaBootstrapServers() {
        return stack == null ? System.getenv().getOrDefault("BENCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                : stack.infrastructure().kafkaBootstrapServers();
    }

    /** Elasticsearch's URL: the stack's, or {@code BENCH_ES_URL} when attached. */
    public String elasticsearchUrl() {
        return stack == null ? System.getenv().getOrDefault("BENCH_ES_URL", "http://127.0.0.1:9200")
                : "http://" + stack.infrastructure().elasticsearchHosts().split(",")[0];
    }

    /**
     * Where a service listens, for benchmarks that measure one service's internal API: the port
     * this benchmark started it on, or {@code BENCH_RULE_SERVICE_URL} (…_LISTS_SERVICE_URL, …) when attached.
     */
    public Optional<String> serviceUrl(ServiceSpec spec) {
        if (stack == null) {
            String variable = "BENCH_" + spec.module().replace("-service", "").toUpperCase(java.util.Locale.ROOT)
                    + "_SERVICE_URL";
            return Optional.ofNullable(System.getenv(variable)).filter(url -> !url.isBlank());
        }
        return Optional.ofNullable(servicePorts.get(spec)).map(port -> "http://127.0.0.1:" + port);
    }

    /** The gateway's private key (to sign caller tokens for internal APIs); {@code BENCH_SIGNING_KEY} when attached. */
    public Optional<Path> signingKey() {
        if (stack == null) {
            return Optional.ofNullable(System.getenv("BENCH_SIGNING_KEY")).filter(key -> !key.isBlank()).map(Path::of);
        }
        return Optional.of(stack.workDir().resolve("keys/caller-token.key"));
    }

    /** The process id of a service's JVM, when this benchmark started the system. */
    public Optional<Long> servicePid(ServiceSpec spec) {
        return stack == null ? Optional.empty() : stack.processes().stream()
                .filter(process -> process.name().equals(spec.module())).map(ManagedProcess::pid).findFirst();
    }

    private static Path workDir() {
        try {
            Path target = ProjectLayout.discover().root().resolve("bench/target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "bench-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
