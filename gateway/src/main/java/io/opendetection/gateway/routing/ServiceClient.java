package io.opendetection.gateway.routing;

import io.opendetection.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;

/** The one HTTP client the gateway talks to its services with. */
@ApplicationScoped
public class ServiceClient {
    /** Concurrent connections per service; an import or export holds one for its whole length. */
    private static final int CONNECTIONS_PER_SERVICE = 64;

    @Produces
    @Singleton
    HttpClient serviceClient(Vertx vertx, GatewayConfig config) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeouts().connect().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(CONNECTIONS_PER_SERVICE)
                // the services see the bytes the caller sent, compressed or not
                .setDecompressionSupported(false));
    }

    void close(@Disposes HttpClient client) {
        client.close();
    }

    /** A request to a service at its configured address (which may carry a base path). */
    public static RequestOptions requestTo(URI address, String pathAndQuery) {
        boolean https = "https".equalsIgnoreCase(address.getScheme());
        String basePath = address.getRawPath() == null ? "" : address.getRawPath().replaceAll("/+$", "");
        return new RequestOptions()
                .setHost(address.getHost())
                .setPort(address.getPort() > 0 ? address.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setURI(basePath + pathAndQuery);
    }
}
