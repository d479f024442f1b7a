package io.opendetection.rules.execution.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import org.apache.http.entity.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The executors' requests to Elasticsearch: bodies the executors build as JSON (queries,
 * aggregations, ES|QL), sent with the low-level client the Quarkus extension configures. A rule's
 * index patterns are path segments, each URL-encoded. Searches of indices go out in
 * {@code _msearch} batches ({@link SearchBatches}); searches of a point in time go alone.
 */
@ApplicationScoped
public class Elasticsearch {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
    /** Batches being answered at once: one in Elasticsearch while the next one gathers searches. */
    private static final int BATCHES_IN_FLIGHT = 2;

    @Inject
    RestClient client;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "detection.executor.msearch-max")
    int msearchMax;

    private SearchBatches batches;

    @PostConstruct
    void init() {
        batches = new SearchBatches(msearchMax, BATCHES_IN_FLIGHT,
                ndjson -> sendEntity("POST", "/_msearch", Map.of(), new NStringEntity(ndjson, NDJSON)),
                item -> new SearchFailure(item.path("status").asInt(), reason(item.path("error")), null));
    }

    /** {@code POST /<indices>/_search} (or {@code /_search} for a point in time). */
    public Uni<JsonNode> search(List<String> indices, JsonNode body) {
        if (indices == null) {
            return send("POST", "/_search", Map.of(), body);
        }
        if (msearchMax > 1) {
            ObjectNode header = json.createObjectNode();
            indices.forEach(header.putArray("index")::add);
            header.put("ignore_unavailable", true).put("allow_no_indices", true);
            return batches.search(header, body);
        }
        return send("POST", "/" + indices(indices) + "/_search",
                Map.of("ignore_unavailable", "true", "allow_no_indices", "true"), body);
    }

    public Uni<JsonNode> fieldCaps(List<String> indices, List<String> fields) {
        return send("GET", "/" + indices(indices) + "/_field_caps", Map.of("fields", String.join(",", fields),
                "ignore_unavailable", "true", "allow_no_indices", "true", "include_unmapped", "true"), null);
    }

    public Uni<String> openPointInTime(List<String> indices, String keepAlive) {
        return send("POST", "/" + indices(indices) + "/_pit", Map.of("keep_alive", keepAlive,
                "ignore_unavailable", "true", "allow_partial_search_results", "true"), null)
                .map(answer -> answer.get("id").asText());
    }

    public Uni<Void> closePointInTime(String id) {
        return send("DELETE", "/_pit", Map.of(), json.createObjectNode().put("id", id))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** ES|QL: {@code POST /_query}. */
    public Uni<JsonNode> esql(JsonNode body) {
        return send("POST", "/_query", Map.of(), body);
    }

    public Uni<JsonNode> send(String method, String path, Map<String, String> params, JsonNode body) {
        return sendEntity(method, path, params,
                body == null ? null : new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
    }

    private Uni<JsonNode> sendEntity(String method, String path, Map<String, String> params, NStringEntity entity) {
        Request request = new Request(method, path);
        params.forEach(request::addParameter);
        if (entity != null) {
            request.setEntity(entity);
        }
        return Uni.createFrom().emitter(emitter -> client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    emitter.complete(json.readTree(EntityUtils.toString(response.getEntity())));
                } catch (IOException | RuntimeException e) {
                    emitter.fail(new SearchFailure(0, "unreadable answer from Elasticsearch: " + e.getMessage(), e));
                }
            }

            @Override
            public void onFailure(Exception exception) {
                emitter.fail(failure(exception));
            }
        }));
    }

    private SearchFailure failure(Exception exception) {
        if (exception instanceof ResponseException response) {
            int status = response.getResponse().getStatusLine().getStatusCode();
            return new SearchFailure(status, reason(response), exception);
        }
        return new SearchFailure(0, String.valueOf(exception.getMessage()), exception);
    }

    private String reason(ResponseException exception) {
        try {
            return reason(json.readTree(EntityUtils.toString(exception.getResponse().getEntity())).path("error"));
        } catch (IOException | RuntimeException e) {
            return exception.getMessage();
        }
    }

    /** Elasticsearch's own words: the error type and reason, with the root cause's when it has one. */
    static String reason(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        String reason = error.path("type").asText() + ": " + error.path("reason").asText();
        JsonNode root = error.path("root_cause").path(0);
        if (root.isObject() && !root.path("reason").asText().equals(error.path("reason").asText())) {
            reason += "; " + root.path("type").asText() + ": " + root.path("reason").asText();
        }
        JsonNode cause = error.path("failed_shards").path(0).path("reason");
        if (cause.isObject() && cause.has("caused_by")) {
            reason += "; " + cause.path("caused_by").path("type").asText() + ": "
                    + cause.path("caused_by").path("reason").asText();
        }
        return reason;
    }

    private static String indices(List<String> indices) {
        return indices.stream().map(index -> URLEncoder.encode(index, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining(","));
    }
}
