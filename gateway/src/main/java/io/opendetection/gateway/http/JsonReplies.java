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
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(text);
    }

    public void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }
}
