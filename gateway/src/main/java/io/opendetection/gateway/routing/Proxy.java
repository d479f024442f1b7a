package io.opendetection.gateway.routing;

import io.opendetection.gateway.GatewayConfig;
import io.opendetection.gateway.http.ErrorResponses;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.http.RequestBody;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.space.SpacePath;
import io.opendetection.gateway.token.CallerTokens;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards a request to the service that owns its route and relays the answer, streaming both
 * bodies with backpressure: an import or an export of hundreds of megabytes passes through in
 * chunks and is never held whole in memory.
 */
@ApplicationScoped
public class Proxy {
    private static final Logger LOG = Logger.getLogger(Proxy.class);
    private static final long REARM_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HttpClient client;
    private final GatewayConfig.Services services;
    private final BodyLimits limits;
    private final long idleMillis;
    private final CallerTokens tokens;
    private final ErrorResponses errors;

    @Inject
    Proxy(HttpClient client, GatewayConfig config, CallerTokens tokens, ErrorResponses errors) {
        this.client = client;
        this.services = config.services();
        this.limits = new BodyLimits(config.limits().maxBodyBytes(), config.limits().maxImportBytes());
        this.idleMillis = config.timeouts().idle().toMillis();
        this.tokens = tokens;
        this.errors = errors;
    }

    public void forward(RoutingContext ctx, Identity identity, SpacePath target, Service service) {
        HttpServerRequest incoming = ctx.request();
        long limit = limits.limitFor(target.apiPath());
        long declared = RequestBody.declaredLength(incoming);
        if (declared > limit) {
            throw Rejection.payloadTooLarge(limit);
        }
        String query = incoming.query();
        RequestOptions options = ServiceClient.requestTo(services.address(service),
                        target.apiPath() + (query == null ? "" : "?" + query))
                .setMethod(incoming.method())
                .setHeaders(ForwardedHeaders.toService(incoming.headers(),
                        tokens.tokenFor(identity, target.space()),
                        incoming.remoteAddress() == null ? "unknown" : incoming.remoteAddress().hostAddress(),
                        incoming.scheme(), incoming.authority() == null ? null : incoming.authority().toString()))
                .setIdleTimeout(idleMillis);
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                errors.send(ctx, unreachable(service, connected.cause()));
            } else {
                exchange(ctx, connected.result(), declared, limit, service);
            }
        });
    }

    private void exchange(RoutingContext ctx, HttpClientRequest outgoing, long declared, long limit, Service service) {
        HttpServerRequest incoming = ctx.request();
        // failures reach us through the answer and the body pipe; without a handler Vert.x would log them again
        outgoing.exceptionHandler(failure -> { });
        // the caller went away: abandon the service's side of the exchange too
        ctx.response().closeHandler(closed -> outgoing.reset());
        outgoing.response().onComplete(answered -> {
            if (answered.failed()) {
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    errors.send(ctx, unreachable(service, answered.cause()));
                }
            } else {
                relay(ctx, answered.result());
            }
        });
        if (declared >= 0) {
            outgoing.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
        } else if (RequestBody.chunked(incoming)) {
            outgoing.setChunked(true);
        }
        if (incoming.isEnded()) {
            outgoing.end();
            return;
        }
        if ("100-continue".equalsIgnoreCase(incoming.getHeader(HttpHeaders.EXPECT))) {
            // only now, with the caller authenticated and the size accepted, is the body welcome
            ctx.response().writeContinue();
        }
        new LimitedBody(incoming, limit, idleTimerRearm(outgoing)).pipe().endOnFailure(false).to(outgoing)
                .onFailure(failure -> {
                    if (failure instanceof Rejection rejection) {
                        errors.send(ctx, rejection);
                    }
                    outgoing.reset();
                });
    }

    private void relay(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            answer.request().reset();
            return;
        }
        response.setStatusCode(answer.statusCode());
        ForwardedHeaders.toCaller(answer.headers(), response.headers());
        if (RequestBody.chunked(answer.getHeader(HttpHeaders.TRANSFER_ENCODING))) {
            response.setChunked(true);
        }
        answer.pipe().endOnFailure(false).to(response).onFailure(failure -> {
            // a half-relayed answer must not look complete to the caller
            answer.request().reset();
            response.reset();
        });
    }

    /**
     * The idle timeout only watches bytes coming back from the service; while a large body is
     * still going up, each passing chunk (at most once a second) restarts it.
     */
    private Runnable idleTimerRearm(HttpClientRequest outgoing) {
        long[] last = {System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            if (now - last[0] > REARM_NANOS && !outgoing.response().isComplete()) {
                last[0] = now;
                outgoing.idleTimeout(idleMillis);
            }
        };
    }

    private Rejection unreachable(Service service, Throwable cause) {
        if (cause instanceof TimeoutException) {
            LOG.warnf("%s did not answer within %d ms", service.serviceName(), idleMillis);
            return new Rejection(504, service.serviceName() + " did not answer in time");
        }
        LOG.warnf("%s is unavailable: %s", service.serviceName(), cause.toString());
        return new Rejection(503, service.serviceName() + " is unavailable");
    }
}
