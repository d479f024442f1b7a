package io.opendetection.gateway.routing;

import io.opendetection.gateway.http.Rejection;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way through, counted as it passes: a body without a declared length (or
 * with a false one) fails with a 413 {@link Rejection} as soon as it goes over the limit, and every
 * chunk that passes is reported as progress.
 */
final class LimitedBody implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable progress;
    private Handler<Throwable> exceptionHandler;
    private long received;

    LimitedBody(ReadStream<Buffer> source, long limit, Runnable progress) {
        this.source = source;
        this.limit = limit;
        this.progress = progress;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            received += chunk.length();
            if (received > limit) {
                source.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(Rejection.payloadTooLarge(limit));
                }
                return;
            }
            progress.run();
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
