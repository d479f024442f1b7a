package io.opendetection.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Writes the gateway's own answers in Kibana's platform envelope. Never a stack trace: an
 * unexpected failure is logged and answered with a plain 500.
 */
@ApplicationScoped
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    /** How long a rejected upload may keep sending, so its client gets to read our answer. */
    private static final long DRAIN_MILLIS = 10_000;

    private final ObjectMapper json;
    private final Vertx vertx;

    @Inject
    ErrorResponses(ObjectMapper json, Vertx vertx) {
        this.json = json;
        this.vertx = vertx;
    }

    public void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof Rejection rejection) {
            send(ctx, rejection);
            return;
        }
        LOG.errorf(failure, "Unexpected failure on %s %s", ctx.request().method(), ctx.normalizedPath());
        send(ctx, new Rejection(500, "An internal server error occurred."));
    }

    public void send(RoutingContext ctx, Rejection rejection) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // a service's answer is already on its way: cutting it is the only honest signal left
            response.reset();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(rejection.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerRequest request = ctx.request();
        boolean bodyUnread = !request.isEnded() && RequestBody.expected(request);
        if (bodyUnread) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        } else if (!request.isEnded()) {
            // lets the end of a body-less request through, so its connection can serve the next one
            request.resume();
        }
        rejection.headers().forEach(response::putHeader);
        response.setStatusCode(rejection.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(body);
        if (bodyUnread) {
            discardThenClose(request, response);
        }
    }

    /**
     * A client that sent a body we refuse is usually still writing it; closing at once would make it
     * see a reset instead of our answer. So the rest is read and dropped for a short while, then the
     * connection is closed.
     */
    private void discardThenClose(HttpServerRequest request, HttpServerResponse response) {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
            return;
        }
        long timer = vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.handler(ignored -> { });
        request.endHandler(ended -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }
}
