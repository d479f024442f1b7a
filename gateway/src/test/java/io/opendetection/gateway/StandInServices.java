package io.opendetection.gateway;

import io.opendetection.gateway.routing.Service;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Small HTTP servers standing in for the four services, so the gateway can be tested on its own.
 * Each service is {@code echo} (the default), {@code down} (nothing listens) or {@code silent}
 * (accepts, never answers), chosen by an init argument named after the service.
 *
 * <p>An echo service answers {@code /q/health} as Quarkus would, streams {@code bytes} bytes of
 * {@link #pattern} back for {@code .../_export?bytes=N}, and otherwise describes the request it got:
 * {@code {method, uri, headers, bodyBytes, bodySha256}}, reading the body as a stream.
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {
    private static final int CHUNK = 64 * 1024;

    private final Map<Service, String> modes = new HashMap<>();
    private Vertx vertx;

    @Override
    public void init(Map<String, String> initArgs) {
        for (Service service : Service.values()) {
            modes.put(service, initArgs.getOrDefault(service.serviceName(), "echo"));
        }
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (Service service : Service.values()) {
            int port = switch (modes.get(service)) {
                case "echo" -> listen(StandInServices::echo);
                case "silent" -> listen(request -> { });
                case "down" -> unusedPort();
                default -> throw new IllegalArgumentException("Unknown stand-in mode " + modes.get(service));
            };
            config.put("gateway.services." + service.serviceName(), "http://127.0.0.1:" + port);
        }
        config.put("gateway.timeouts.connect", "1s");
        config.put("gateway.timeouts.idle", "2s");
        config.put("gateway.timeouts.status", "1s");
        return config;
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** The content of a streamed export: byte i is i mod 251. */
    public static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private int listen(Handler<HttpServerRequest> handler) {
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(handler);
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("A stand-in service did not start", e);
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void echo(HttpServerRequest request) {
        if (request.path().equals("/q/health")) {
            request.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("status", "UP")
                    .put("checks", new JsonArray().add(new JsonObject().put("name", "stand-in").put("status", "UP")))
                    .encode());
            return;
        }
        if (request.path().endsWith("/_export") && request.getParam("bytes") != null) {
            request.response().setChunked(true).putHeader("content-type", "application/ndjson");
            stream(request.response(), pattern(Integer.parseInt(request.getParam("bytes"))), 0);
            return;
        }
        MessageDigest digest = sha256();
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            digest.update(chunk.getBytes());
        });
        request.endHandler(ended -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            request.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyBytes", received[0])
                    .put("bodySha256", HexFormat.of().formatHex(digest.digest()))
                    .encode());
        });
    }

    /** Writes with backpressure, as a real service's export would. */
    private static void stream(HttpServerResponse response, byte[] content, int from) {
        int offset = from;
        while (offset < content.length) {
            if (response.writeQueueFull()) {
                int resumeAt = offset;
                response.drainHandler(drained -> stream(response, content, resumeAt));
                return;
            }
            int end = Math.min(content.length, offset + CHUNK);
            response.write(Buffer.buffer(Arrays.copyOfRange(content, offset, end)));
            offset = end;
        }
        response.end();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
