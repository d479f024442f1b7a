package io.opendetection.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers of the routes the gateway serves itself. */
@ApplicationScoped
public class JsonReplies {
    private final ObjectMapper json;

    @Inject
    JsonReplies(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        releaseRequest(ctx);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(text);
    }

    public void noContent(RoutingContext ctx) {
        releaseRequest(ctx);
        ctx.response().setStatusCode(204).end();
    }

    /** A request arrives paused; a route that read no body lets its end through, so the connection serves the next. */
    private static void releaseRequest(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume();
        }
    }
}
