package io.opendetection.common.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs requests of the async client as {@link Uni}s. Results come back on the caller's Vert.x
 * context rather than on the HTTP client's I/O thread, so what follows runs where Vert.x expects it;
 * a cluster that cannot be reached becomes a 503, which tells the caller to retry.
 */
public final class ElasticsearchRequests {
    private static final Logger LOG = Logger.getLogger(ElasticsearchRequests.class);
    static final String UNAVAILABLE = "Elasticsearch is unavailable, try again later";

    private ElasticsearchRequests() {
    }

    public static <T> Uni<T> send(Supplier<CompletableFuture<T>> request) {
        return Uni.createFrom().deferred(() -> {
            Uni<T> response = Uni.createFrom().completionStage(request);
            Context context = Vertx.currentContext();
            return context == null ? response : response.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }).onFailure(ElasticsearchRequests::unavailable).transform(failure -> {
            LOG.warnf("Elasticsearch is unavailable: %s", failure.toString());
            return ApiException.siem(503, UNAVAILABLE);
        });
    }

    /** The cluster cannot be reached or does not answer in time, or it says it cannot serve (no master, no shards). */
    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ElasticsearchException e) {
                return e.status() == 503;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
