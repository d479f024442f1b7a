package io.opendetection.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the (small) JSON body of a route the gateway answers itself, within a size limit. The
 * request arrives paused; it is resumed here.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** The body as JSON, {@link MissingNode} when there is none. */
    public static Uni<JsonNode> read(HttpServerRequest request, long limit, ObjectMapper json) {
        long declared = RequestBody.declaredLength(request);
        if (declared > limit) {
            return Uni.createFrom().failure(Rejection.payloadTooLarge(limit));
        }
        if (request.isEnded()) {
            return Uni.createFrom().item(MissingNode.getInstance());
        }
        CompletableFuture<Buffer> received = new CompletableFuture<>();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                received.completeExceptionally(Rejection.payloadTooLarge(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(received::completeExceptionally);
        request.endHandler(ended -> received.complete(body));
        request.resume();
        return Uni.createFrom().completionStage(received).map(buffer -> parse(buffer, json));
    }

    private static JsonNode parse(Buffer buffer, ObjectMapper json) {
        if (buffer.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(buffer.getBytes());
        } catch (IOException e) {
            throw new Rejection(400, "Invalid request payload JSON format");
        }
    }
}
