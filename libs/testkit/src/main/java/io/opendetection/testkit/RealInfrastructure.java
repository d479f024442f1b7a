package io.opendetection.testkit;

import io.opendetection.devstack.Infrastructure;
import io.opendetection.devstack.InfrastructureOptions;
import io.opendetection.devstack.InfrastructureOptions.Component;
import io.opendetection.devstack.ProjectLayout;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real PostgreSQL, Kafka and Elasticsearch for a service's {@code @QuarkusTest}s: started as
 * processes on free loopback ports, or, when the {@code TESTKIT_*} variables name running ones,
 * attached to those. Use it as
 * {@code @WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))}.
 *
 * <p>Attach variables: {@code TESTKIT_DB_URL} ({@code postgresql://host:port/db}),
 * {@code TESTKIT_DB_USER}, {@code TESTKIT_DB_PASSWORD}, {@code TESTKIT_KAFKA_BOOTSTRAP_SERVERS},
 * {@code TESTKIT_ES_HOSTS} ({@code host:port}). A component whose variable is unset is started.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private Set<Component> needs = Set.of(Component.values());
    private Infrastructure started;
    private Path workDir;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get("needs");
        if (value != null) {
            needs = Component.parse(value);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey.location", TestKeys.keys().publicKey().toString());
        config.put("smallrye.jwt.sign.key.location", TestKeys.keys().privateKey().toString());
        // The executor's tokens (ExecutorToken) are told apart by their issuer; tests sign them with the same pair.
        config.put("detection.executor-token.sign-key-location", TestKeys.keys().privateKey().toString());
        config.put("detection.executor-token.verify-key-location", TestKeys.keys().publicKey().toString());

        String dbUrl = attached("TESTKIT_DB_URL", Component.POSTGRES);
        String kafka = attached("TESTKIT_KAFKA_BOOTSTRAP_SERVERS", Component.KAFKA);
        String elasticsearch = attached("TESTKIT_ES_HOSTS", Component.ELASTICSEARCH);
        String dbUser = System.getenv().getOrDefault("TESTKIT_DB_USER", "postgres");
        String dbPassword = System.getenv("TESTKIT_DB_PASSWORD");

        Set<Component> toStart = java.util.EnumSet.noneOf(Component.class);
        if (needs.contains(Component.POSTGRES) && dbUrl == null) {
            toStart.add(Component.POSTGRES);
        }
        if (needs.contains(Component.KAFKA) && kafka == null) {
            toStart.add(Component.KAFKA);
        }
        if (needs.contains(Component.ELASTICSEARCH) && elasticsearch == null) {
            toStart.add(Component.ELASTICSEARCH);
        }
        if (!toStart.isEmpty()) {
            workDir = newWorkDir();
            dbPassword = dbUrl == null ? UUID.randomUUID().toString() : dbPassword;
            started = Infrastructure.start(ProjectLayout.discover(),
                    InfrastructureOptions.forTests(workDir, toStart, dbPassword, Map.of()));
            dbUrl = toStart.contains(Component.POSTGRES) ? started.postgresUrl() : dbUrl;
            dbUser = toStart.contains(Component.POSTGRES) ? "postgres" : dbUser;
            kafka = toStart.contains(Component.KAFKA) ? started.kafkaBootstrapServers() : kafka;
            elasticsearch = toStart.contains(Component.ELASTICSEARCH) ? started.elasticsearchHosts() : elasticsearch;
        }
        if (needs.contains(Component.POSTGRES)) {
            config.put("quarkus.datasource.reactive.url", dbUrl);
            config.put("quarkus.datasource.jdbc.url", "jdbc:" + dbUrl);
            config.put("quarkus.datasource.username", dbUser);
            config.put("quarkus.datasource.password", dbPassword);
        }
        if (needs.contains(Component.KAFKA)) {
            config.put("kafka.bootstrap.servers", kafka);
        }
        if (needs.contains(Component.ELASTICSEARCH)) {
            config.put("quarkus.elasticsearch.hosts", elasticsearch);
        }
        TestEndpoints.set(new TestEndpoints(dbUrl, dbUser, dbPassword, kafka,
                elasticsearch == null ? null : "http://" + elasticsearch));
        return config;
    }

    private String attached(String variable, Component component) {
        String value = System.getenv(variable);
        return needs.contains(component) && value != null && !value.isBlank() ? value : null;
    }

    private static Path newWorkDir() {
        try {
            Path target = Path.of(System.getProperty("user.dir"), "target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "testkit-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (started != null) {
            started.close();
            started = null;
        }
    }
}
