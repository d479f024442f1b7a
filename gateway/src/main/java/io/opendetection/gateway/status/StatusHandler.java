package io.opendetection.gateway.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.http.ErrorResponses;
import io.opendetection.gateway.routing.Service;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/status}: 200 when everything is available, 503 otherwise, with the details either way. */
@ApplicationScoped
public class StatusHandler {
    private final HealthProbes probes;
    private final ObjectMapper json;
    private final ErrorResponses errors;
    private final String version;

    @Inject
    StatusHandler(HealthProbes probes, ObjectMapper json, ErrorResponses errors,
                  @ConfigProperty(name = "quarkus.application.version") String version) {
        this.probes = probes;
        this.json = json;
        this.errors = errors;
        this.version = version;
    }

    public void report(RoutingContext ctx) {
        // nothing to read: let the request end, so its connection can serve the next one
        ctx.request().resume();
        List<Uni<ComponentStatus>> checks = new ArrayList<>();
        checks.add(probes.gateway());
        for (Service service : Service.values()) {
            checks.add(probes.service(service));
        }
        Context context = Vertx.currentContext();
        Uni.combine().all().unis(checks).with(ComponentStatus.class, statuses -> {
                    Map<String, ComponentStatus> components = new LinkedHashMap<>();
                    components.put(StatusReport.GATEWAY, statuses.get(0));
                    for (Service service : Service.values()) {
                        components.put(service.serviceName(), statuses.get(service.ordinal() + 1));
                    }
                    return StatusReport.of(version, components);
                })
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .subscribe().with(report -> write(ctx, report), failure -> errors.fail(ctx, failure));
    }

    private void write(RoutingContext ctx, StatusReport report) {
        String body;
        try {
            body = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response()
                .setStatusCode(report.available() ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(body);
    }
}
