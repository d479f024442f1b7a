package io.opendetection.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole system on one machine: the infrastructure, then the four domain services, then the
 * gateway, each service a JVM of its own with its own PostgreSQL role and schema.
 */
public final class Stack implements AutoCloseable {
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param infrastructure     where PostgreSQL, Kafka and Elasticsearch run, and each service's role password
     * @param servicePorts       the port of each service
     * @param serviceJavaOptions JVM options for every service, e.g. a heap limit
     */
    public record Options(InfrastructureOptions infrastructure, Map<ServiceSpec, Integer> servicePorts,
                          String elasticPassword, List<String> serviceJavaOptions) {
    }

    private final Options options;
    private final Infrastructure infrastructure;
    private final ProjectLayout layout;
    private final List<ManagedProcess> services = Collections.synchronizedList(new ArrayList<>());
    private KeyPairs keys;
    private KeyPairs executorKeys;

    private Stack(Options options, Infrastructure infrastructure, ProjectLayout layout) {
        this.options = options;
        this.infrastructure = infrastructure;
        this.layout = layout;
    }

    public static Stack start(ProjectLayout layout, Options options) {
        ServiceSpec.all().forEach(spec -> layout.serviceJar(spec.module())); // fail before starting anything if a service is not built
        Infrastructure infrastructure = Infrastructure.start(layout, options.infrastructure());
        Stack stack = new Stack(options, infrastructure, layout);
        try {
            stack.keys = KeyPairs.ensure(options.infrastructure().workDir().resolve("keys"));
            stack.executorKeys = KeyPairs.ensure(options.infrastructure().workDir().resolve("keys"), "executor-token");
            List<CompletableFuture<Void>> backends = ServiceSpec.BACKENDS.stream()
                    .map(spec -> CompletableFuture.runAsync(() -> stack.startService(spec)))
                    .toList();
            join(backends);
            stack.startService(ServiceSpec.GATEWAY);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts a service (again, after {@link #stopService}) on its port and waits until it is ready. */
    public void startService(ServiceSpec spec) {
        startProcess(spec, spec.module(), options.servicePorts().get(spec));
    }

    /**
     * Starts one more replica of a service on a port of its own (the gateway keeps routing to the
     * first); for scale-out tests. Returns the replica's port; its process is named
     * {@code <module>-<port>}.
     */
    public int startReplica(ServiceSpec spec) {
        int port = Ports.free();
        startProcess(spec, spec.module() + "-" + port, port);
        return port;
    }

    /** Stops every process of a service, replicas included: gracefully, or by SIGKILL when {@code kill}. */
    public void stopService(ServiceSpec spec, boolean kill) {
        stopProcesses(process -> process.name().equals(spec.module()) || process.name().startsWith(spec.module() + "-"),
                kill);
    }

    /** Stops one replica started by {@link #startReplica}. */
    public void stopReplica(ServiceSpec spec, int port, boolean kill) {
        stopProcesses(process -> process.name().equals(spec.module() + "-" + port), kill);
    }

    private void stopProcesses(java.util.function.Predicate<ManagedProcess> which, boolean kill) {
        List<ManagedProcess> stopping;
        synchronized (services) {
            stopping = services.stream().filter(which).toList();
            services.removeAll(stopping);
        }
        stopping.forEach(kill ? ManagedProcess::kill : ManagedProcess::close);
    }

    private void startProcess(ServiceSpec spec, String name, int port) {
        List<String> command = new ArrayList<>();
        command.add(ProjectLayout.javaExecutable());
        command.addAll(options.serviceJavaOptions());
        command.addAll(List.of("-jar", layout.serviceJar(spec.module()).toString()));
        ManagedProcess process = ManagedProcess.start(name, command, environment(spec, port, keys),
                options.infrastructure().workDir().resolve("logs").resolve(name + ".log"));
        services.add(process);
        process.awaitCondition(() -> isReady(port), SERVICE_READY_TIMEOUT);
    }

    private Map<String, String> environment(ServiceSpec spec, int port, KeyPairs keys) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("DB_URL", infrastructure.postgresUrl());
        env.put("DB_USER", spec.schema());
        env.put("DB_PASSWORD", options.infrastructure().roles().get(spec.schema()));
        env.put("DB_SCHEMA", spec.schema());
        if (spec.usesKafka()) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        }
        if (spec.usesElasticsearch()) {
            env.put("ES_HOSTS", infrastructure.elasticsearchHosts());
        }
        // The gateway routes to every service; the services call each other's internal APIs.
        for (ServiceSpec backend : ServiceSpec.BACKENDS) {
            env.put(backend.urlVariable(), "http://127.0.0.1:" + options.servicePorts().get(backend));
        }
        if (spec == ServiceSpec.GATEWAY) {
            env.put("JWT_SIGN_KEY_LOCATION", keys.privateKey().toString());
            env.put("ELASTIC_PASSWORD", options.elasticPassword());
        } else {
            env.put("JWT_VERIFY_KEY_LOCATION", keys.publicKey().toString());
        }
        // The executor reads value lists with a token of its own (ExecutorToken), which lists-service checks.
        if (spec == ServiceSpec.RULES) {
            env.put("EXECUTOR_SIGN_KEY_LOCATION", executorKeys.privateKey().toString());
        } else if (spec == ServiceSpec.LISTS) {
            env.put("EXECUTOR_VERIFY_KEY_LOCATION", executorKeys.publicKey().toString());
        }
        return env;
    }

    static boolean isReady(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + options.servicePorts().get(ServiceSpec.GATEWAY);
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public Path workDir() {
        return options.infrastructure().workDir();
    }

    /** Every process the stack runs, infrastructure first, with its pid (for RSS figures and the stop command). */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>(infrastructure.processes());
        all.addAll(services);
        return all;
    }

    /** Stops the gateway first and the infrastructure last, so no service loses its store mid-request. */
    @Override
    public void close() {
        List<ManagedProcess> toStop;
        synchronized (services) {
            toStop = new ArrayList<>(services);
            services.clear();
        }
        Collections.reverse(toStop);
        toStop.forEach(ManagedProcess::close);
        infrastructure.close();
    }
}
