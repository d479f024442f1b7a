package io.opendetection.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The devstack command: {@code start} (the default) brings the whole system up on 127.0.0.1 and
 * runs until Ctrl-C or {@code stop}; {@code --clean} starts from empty data. Everything it keeps,
 * data and logs, lives under one work directory ({@code .devstack/} in the project, or
 * {@code --work-dir}/{@code DEVSTACK_HOME}).
 */
public final class DevStack {
    private static final String USAGE = """
            usage: devstack [start|stop] [--clean] [--work-dir DIR]
              start        start PostgreSQL, Kafka, Elasticsearch and the five services (default)
              stop         stop a running devstack (the one whose work directory is given)
              --clean      delete the work directory's data before starting
              --work-dir   where data, logs and keys live (default: <project>/.devstack, or DEVSTACK_HOME)
            ports: DEVSTACK_POSTGRES_PORT=5432 DEVSTACK_KAFKA_PORT=9092 DEVSTACK_KAFKA_CONTROLLER_PORT=9093
                   DEVSTACK_ELASTICSEARCH_PORT=9200 DEVSTACK_ELASTICSEARCH_TRANSPORT_PORT=9300
                   DEVSTACK_GATEWAY_PORT=5601 DEVSTACK_RULE_SERVICE_PORT=5611 DEVSTACK_ALERT_SERVICE_PORT=5612
                   DEVSTACK_EXCEPTIONS_SERVICE_PORT=5613 DEVSTACK_LISTS_SERVICE_PORT=5614
            the administrator is 'elastic' with the password in ELASTIC_PASSWORD (default: changeme)
            """;

    private DevStack() {
    }

    public static void main(String[] args) {
        String command = "start";
        boolean clean = false;
        Path workDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "start", "stop" -> command = args[i];
                case "--clean" -> clean = true;
                case "--work-dir" -> {
                    if (i + 1 >= args.length) {
                        usage("--work-dir needs a directory");
                    }
                    workDir = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        ProjectLayout layout = ProjectLayout.discover();
        if (workDir == null) {
            String home = System.getenv("DEVSTACK_HOME");
            workDir = home != null && !home.isBlank() ? Path.of(home) : layout.root().resolve(".devstack");
        }
        workDir = workDir.toAbsolutePath().normalize();
        try {
            if (command.equals("stop")) {
                stop(workDir);
            } else {
                start(layout, workDir, clean);
            }
        } catch (IllegalStateException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void start(ProjectLayout layout, Path workDir, boolean clean) {
        Path pidFile = workDir.resolve("devstack.pid");
        runningDevstack(pidFile).ifPresent(pid -> {
            throw new IllegalStateException("a devstack is already running from " + workDir + " (pid " + pid
                    + "); stop it with ./devstack.sh stop");
        });
        if (clean) {
            deleteRecursively(workDir);
        }
        createDirectories(workDir);
        Properties credentials = credentials(workDir.resolve("credentials.properties"));
        Map<String, String> rolePasswords = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            rolePasswords.put(spec.schema(), credentials.getProperty("role." + spec.schema()));
        }
        InfrastructureOptions infrastructure = new InfrastructureOptions(workDir,
                EnumSet.allOf(InfrastructureOptions.Component.class),
                port("POSTGRES", 5432), port("KAFKA", 9092), port("KAFKA_CONTROLLER", 9093),
                port("ELASTICSEARCH", 9200), port("ELASTICSEARCH_TRANSPORT", 9300),
                "detection", credentials.getProperty("postgres.superuser"), rolePasswords, "1g");
        Map<ServiceSpec, Integer> servicePorts = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.all()) {
            servicePorts.put(spec, port(spec.module().replace('-', '_').toUpperCase(Locale.ROOT), spec.defaultPort()));
        }
        requireFreePorts(infrastructure, servicePorts);
        String elasticPassword = System.getenv().getOrDefault("ELASTIC_PASSWORD", "changeme");
        Stack.Options options = new Stack.Options(infrastructure, servicePorts, elasticPassword,
                List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError"));

        writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
        long started = System.nanoTime();
        System.out.println("devstack: starting PostgreSQL, Kafka and Elasticsearch, then the services; logs in "
                + workDir.resolve("logs"));
        Stack stack;
        try {
            stack = Stack.start(layout, options);
        } catch (RuntimeException e) {
            deleteQuietly(pidFile);
            throw new IllegalStateException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("devstack: stopping every process it started");
            stack.close();
            deleteQuietly(pidFile);
            System.out.println("devstack: stopped");
        }, "devstack-stop"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("""
                devstack: ready in %.1f s
                  gateway        %s   (log in as elastic / %s)
                  try:           curl -u elastic:%s %s/api/status
                  PostgreSQL     127.0.0.1:%d   Kafka 127.0.0.1:%d   Elasticsearch http://127.0.0.1:%d
                  work dir       %s
                Ctrl-C (or ./devstack.sh stop) stops everything.
                """, took.toMillis() / 1000.0, stack.gatewayUrl(), elasticPassword, elasticPassword, stack.gatewayUrl(),
                infrastructure.postgresPort(), infrastructure.kafkaPort(), infrastructure.elasticsearchPort(), workDir);
        watch(stack);
    }

    /** Keeps the launcher alive and says so once if a process it started dies. */
    private static void watch(Stack stack) {
        Set<Long> reported = new HashSet<>();
        while (true) {
            for (ManagedProcess process : stack.processes()) {
                if (!process.isAlive() && reported.add(process.pid())) {
                    System.err.println("devstack: " + process.name() + " exited; see " + process.log());
                }
            }
            ManagedProcess.sleep(5000);
        }
    }

    private static void stop(Path workDir) {
        Path pidFile = workDir.resolve("devstack.pid");
        long pid = runningDevstack(pidFile).orElseThrow(
                () -> new IllegalStateException("no devstack is running from " + workDir));
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        handle.destroy();
        try {
            handle.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("devstack: stopped (pid " + pid + ")");
        } catch (Exception e) {
            throw new IllegalStateException("devstack (pid " + pid + ") did not stop within 120 s");
        }
    }

    private static java.util.Optional<Long> runningDevstack(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return java.util.Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Passwords for the PostgreSQL superuser and each service's role: made once, kept owner-readable only. */
    private static Properties credentials(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
                return properties;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        properties.setProperty("postgres.superuser", randomPassword());
        for (ServiceSpec spec : ServiceSpec.all()) {
            properties.setProperty("role." + spec.schema(), randomPassword());
        }
        StringBuilder content = new StringBuilder("# devstack database passwords, generated at first start\n");
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> content.append(key).append('=').append(properties.getProperty(key)).append('\n'));
        try {
            KeyPairs.writeOwnerOnly(file, content.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int port(String name, int defaultPort) {
        String value = System.getenv("DEVSTACK_" + name + "_PORT");
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("DEVSTACK_" + name + "_PORT is not a port number: " + value);
        }
    }

    private static void requireFreePorts(InfrastructureOptions infrastructure, Map<ServiceSpec, Integer> servicePorts) {
        Ports.requireFree(infrastructure.postgresPort(), "PostgreSQL");
        Ports.requireFree(infrastructure.kafkaPort(), "Kafka");
        Ports.requireFree(infrastructure.kafkaControllerPort(), "the Kafka controller");
        Ports.requireFree(infrastructure.elasticsearchPort(), "Elasticsearch");
        Ports.requireFree(infrastructure.elasticsearchTransportPort(), "Elasticsearch's transport");
        servicePorts.forEach((spec, port) -> Ports.requireFree(port, spec.module()));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(DevStack::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: what remains is reported by the next start
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void usage(String problem) {
        System.err.println("devstack: " + problem);
        System.err.print(USAGE);
        System.exit(2);
    }
}
