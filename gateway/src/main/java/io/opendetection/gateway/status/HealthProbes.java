package io.opendetection.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.routing.Service;
import io.opendetection.gateway.routing.ServiceClient;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Asks each part how it is: the services over their {@code /q/health}, the gateway in-process. */
@ApplicationScoped
public class HealthProbes {
    private final HttpClient client;
    private final GatewayConfig.Services services;
    private final long timeoutMillis;
    private final SmallRyeHealthReporter health;
    private final Vertx vertx;
    private final ObjectMapper json;

    @Inject
    HealthProbes(HttpClient client, GatewayConfig config, SmallRyeHealthReporter health, Vertx vertx,
                 ObjectMapper json) {
        this.client = client;
        this.services = config.services();
        this.timeoutMillis = config.timeouts().status().toMillis();
        this.health = health;
        this.vertx = vertx;
        this.json = json;
    }

    /** The gateway's own checks, its PostgreSQL connection among them. */
    public Uni<ComponentStatus> gateway() {
        // the datasource checks wait for their query: off the event loop
        return Uni.createFrom()
                .completionStage(() -> vertx.executeBlocking(health::getHealth, false).toCompletionStage())
                .map(this::gatewayStatus);
    }

    public Uni<ComponentStatus> service(Service service) {
        RequestOptions options = ServiceClient.requestTo(services.address(service), "/q/health")
                .setMethod(HttpMethod.GET)
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        String name = service.serviceName();
        return Uni.createFrom()
                .completionStage(() -> client.request(options)
                        .compose(HttpClientRequest::send)
                        .compose(answer -> answer.body().map(body -> serviceStatus(name, answer.statusCode(), body)))
                        .toCompletionStage())
                .onFailure().recoverWithItem(failure -> new ComponentStatus(Level.UNAVAILABLE,
                        failure instanceof TimeoutException
                                ? name + " did not answer within " + timeoutMillis + " ms"
                                : name + " is unavailable", null));
    }

    private ComponentStatus gatewayStatus(SmallRyeHealth report) {
        JsonNode checks = parse(report.getPayload().toString()).path("checks");
        return report.isDown()
                ? new ComponentStatus(Level.UNAVAILABLE, "The gateway reports it is down", checks)
                : new ComponentStatus(Level.AVAILABLE, "The gateway is available", checks);
    }

    private ComponentStatus serviceStatus(String name, int statusCode, Buffer body) {
        JsonNode report;
        try {
            report = json.readTree(body.getBytes());
        } catch (IOException notJson) {
            report = null;
        }
        if (report == null || !report.path("status").isTextual()) {
            return new ComponentStatus(Level.UNAVAILABLE,
                    name + " answered its health check with HTTP " + statusCode, null);
        }
        JsonNode checks = report.path("checks");
        return "UP".equals(report.path("status").asText())
                ? new ComponentStatus(Level.AVAILABLE, name + " is available", checks)
                : new ComponentStatus(Level.UNAVAILABLE, name + " reports it is down", checks);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("SmallRye Health wrote invalid JSON", e);
        }
    }
}
