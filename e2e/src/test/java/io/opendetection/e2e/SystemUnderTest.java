package io.opendetection.e2e;

import io.opendetection.devstack.InfrastructureOptions;
import io.opendetection.devstack.ProjectLayout;
import io.opendetection.devstack.ServiceSpec;
import io.opendetection.devstack.Stack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
 * The whole system the e2e tests talk to: a devstack started once for all test classes (free
 * ports, its own work directory under target/), stopped when the tests end; or, when
 * {@code E2E_GATEWAY_URL} is set, a running system (with {@code E2E_ELASTIC_PASSWORD},
 * {@code E2E_KAFKA_BOOTSTRAP_SERVERS}, and for the tests that look inside rule-service
 * {@code E2E_RULE_SERVICE_URL} and {@code E2E_SIGNING_KEY}, the gateway's private key file).
 */
public final class SystemUnderTest implements BeforeAllCallback {
    private static volatile Endpoints endpoints;
    private static volatile Stack stack;

    /** How to reach the system; the optional parts are empty when attached without them. */
    public record Endpoints(String gatewayUrl, String elasticPassword, String kafkaBootstrapServers,
                            Optional<String> ruleServiceUrl, Optional<Path> signingKey) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemUnderTest.class, key -> start(), StartedSystem.class);
    }

    public static Endpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SystemUnderTest.class)");
        }
        return endpoints;
    }

    /**
     * The started system, for tests that stop, kill or add service processes; empty when attached
     * to a running system (such tests are skipped there).
     */
    public static Optional<Stack> stack() {
        return Optional.ofNullable(stack);
    }

    private static StartedSystem start() {
        String gateway = System.getenv("E2E_GATEWAY_URL");
        if (gateway != null && !gateway.isBlank()) {
            endpoints = new Endpoints(gateway, System.getenv().getOrDefault("E2E_ELASTIC_PASSWORD", "changeme"),
                    System.getenv().getOrDefault("E2E_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                    Optional.ofNullable(System.getenv("E2E_RULE_SERVICE_URL")),
                    Optional.ofNullable(System.getenv("E2E_SIGNING_KEY")).map(Path::of));
            return new StartedSystem(null);
        }
        Path workDir = workDir();
        Map<String, String> rolePasswords = new LinkedHashMap<>();
        Map<ServiceSpec, Integer> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            rolePasswords.put(spec.schema(), UUID.randomUUID().toString());
            ports.put(spec, io.opendetection.devstack.Ports.free());
        }
        InfrastructureOptions infrastructure = InfrastructureOptions.forTests(workDir,
                EnumSet.allOf(InfrastructureOptions.Component.class), UUID.randomUUID().toString(), rolePasswords);
        String elasticPassword = "e2e-" + UUID.randomUUID();
        Stack started = Stack.start(ProjectLayout.discover(), new Stack.Options(infrastructure, ports,
                elasticPassword, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")));
        stack = started;
        endpoints = new Endpoints(started.gatewayUrl(), elasticPassword, started.infrastructure().kafkaBootstrapServers(),
                Optional.of("http://127.0.0.1:" + ports.get(ServiceSpec.RULES)),
                Optional.of(workDir.resolve("keys/caller-token.key")));
        return new StartedSystem(started);
    }

    private static Path workDir() {
        try {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "e2e-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit when every test of the run has finished. */
    private record StartedSystem(Stack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
