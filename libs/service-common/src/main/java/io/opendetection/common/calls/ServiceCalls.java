package io.opendetection.common.calls;

import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Calls from one service to another, on behalf of the caller of the current request: the
 * gateway's token is passed on as it came, so the other service sees the same user and space and
 * applies the same rules. Only for answers needed now; everything else travels as events.
 * A service that cannot be reached is a 503 in Kibana's envelope, never a 500.
 */
@ApplicationScoped
public class ServiceCalls {
    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;

    @Inject
    JsonWebToken token;

    private final Map<Backend, URI> urls = new EnumMap<>(Backend.class);
    private HttpClient client;

    @PostConstruct
    void init() {
        var config = ConfigProvider.getConfig();
        for (Backend backend : Backend.values()) {
            String url = config.getOptionalValue(backend.urlVariable(), String.class).orElse(backend.defaultUrl());
            urls.put(backend, URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
        }
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(20));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    /** A JSON request (body may be null) to another service's path (with its query string). */
    public Uni<ServiceResponse> call(Backend backend, HttpMethod method, String pathAndQuery, Buffer body,
                                     String contentType) {
        return call(backend, method, pathAndQuery, body, contentType, token.getRawToken());
    }

    /**
     * The same, with a token of the caller's own rather than the current request's: for work that
     * runs outside any request (the rule executor, with its {@code ExecutorToken}).
     */
    public Uni<ServiceResponse> call(Backend backend, HttpMethod method, String pathAndQuery, Buffer body,
                                     String contentType, String bearerToken) {
        URI base = urls.get(backend);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80))
                .setSsl("https".equals(base.getScheme()))
                .setURI(base.getPath() + pathAndQuery)
                .setTimeout(TIMEOUT.toMillis())
                .putHeader("Authorization", "Bearer " + bearerToken)
                .putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", contentType == null ? "application/json" : contentType);
        }
        return client.request(options)
                .chain(request -> body == null ? request.send() : request.send(body))
                .chain(response -> response.body().map(buffer -> new ServiceResponse(response.statusCode(), buffer)))
                .onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> {
                    LOG.warnf("%s could not be reached: %s", backend.serviceName(), failure.getMessage());
                    return ApiException.siem(503, backend.serviceName() + " is unavailable");
                });
    }

    public Uni<ServiceResponse> get(Backend backend, String pathAndQuery) {
        return call(backend, HttpMethod.GET, pathAndQuery, null, null);
    }

    public Uni<ServiceResponse> postJson(Backend backend, String pathAndQuery, Buffer json) {
        return call(backend, HttpMethod.POST, pathAndQuery, json, "application/json");
    }
}
