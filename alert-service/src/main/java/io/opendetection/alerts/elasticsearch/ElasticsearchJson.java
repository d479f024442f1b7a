package io.opendetection.alerts.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.elasticsearch.ElasticsearchRequests;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Elasticsearch requests whose bodies are JSON we build or pass through (a caller's query, bulk
 * lines, a search answered as Elasticsearch answered it), over the same low-level client as the
 * typed one: the typed client would re-parse a caller's query with its own model and refuse what
 * Elasticsearch accepts. Every answer comes back with its status, errors included; only an
 * unreachable or unavailable cluster fails, as a 503.
 */
@ApplicationScoped
public class ElasticsearchJson {
    static final String UNAVAILABLE = "Elasticsearch is unavailable, try again later";

    @Inject
    RestClient client;

    @Inject
    ObjectMapper json;

    /** What Elasticsearch answered. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The root cause's type, e.g. {@code index_not_found_exception}; empty when none. */
        public String errorType() {
            return body.path("error").path("type").asText("");
        }

        /** Elasticsearch's own words for what went wrong, root cause first. */
        public String errorReason() {
            JsonNode rootCause = body.path("error").path("root_cause").path(0);
            JsonNode error = rootCause.isMissingNode() ? body.path("error") : rootCause;
            String reason = error.path("reason").asText("");
            return reason.isEmpty() ? body.path("error").asText("Elasticsearch answered " + status) : reason;
        }
    }

    public Uni<Answer> send(String method, String path, Map<String, String> parameters, JsonNode body) {
        return send(method, path, parameters, body == null ? null : body.toString());
    }

    /** {@code body} is JSON, or NDJSON for {@code _bulk}. */
    public Uni<Answer> send(String method, String path, Map<String, String> parameters, String body) {
        Request request = request(method, path, parameters);
        if (body != null) {
            request.setJsonEntity(body);
        }
        return send(request);
    }

    /** {@code body} is UTF-8 JSON or NDJSON, as built by a generator: no string in between. */
    public Uni<Answer> send(String method, String path, Map<String, String> parameters, byte[] body) {
        Request request = request(method, path, parameters);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return send(request);
    }

    private static Request request(String method, String path, Map<String, String> parameters) {
        Request request = new Request(method, path);
        parameters.forEach(request::addParameter);
        return request;
    }

    private Uni<Answer> send(Request request) {
        return ElasticsearchRequests.send(() -> perform(request)).map(answer -> {
            // A cluster without a master or without its shards says so with 503: the caller may retry.
            if (answer.status() == 503) {
                throw ApiException.siem(503, UNAVAILABLE);
            }
            return answer;
        });
    }

    private CompletableFuture<Answer> perform(Request request) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                complete(answer, response);
            }

            @Override
            public void onFailure(Exception exception) {
                if (exception instanceof ResponseException failed) {
                    complete(answer, failed.getResponse());
                } else {
                    answer.completeExceptionally(exception);
                }
            }
        });
        return answer;
    }

    private void complete(CompletableFuture<Answer> answer, Response response) {
        try (InputStream body = response.getEntity() == null ? null : response.getEntity().getContent()) {
            JsonNode parsed = body == null ? json.nullNode() : json.readTree(body);
            answer.complete(new Answer(response.getStatusLine().getStatusCode(), parsed == null ? json.nullNode() : parsed));
        } catch (IOException e) {
            answer.completeExceptionally(e);
        }
    }
}
