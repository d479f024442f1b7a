package io.opendetection.alerts.search.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson;
import io.opendetection.alerts.index.service.AlertsIndexName;
import io.opendetection.alerts.workflow.service.SelectionErrors;
import io.opendetection.common.caller.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Searches the alerts of the caller's space, and only those: the index is always the space's
 * alerts alias, whatever the body says. Answered as Elasticsearch answered; a space without an
 * alerts index has no alerts (an empty result, as Kibana's ignore_unavailable gives).
 */
@ApplicationScoped
public class AlertSearch {
    // A missing alias is no alerts, not an error.
    private static final Map<String, String> PARAMETERS = Map.of("ignore_unavailable", "true",
            "allow_no_indices", "true");

    @Inject
    Caller caller;

    @Inject
    ElasticsearchJson elasticsearch;

    public Uni<JsonNode> search(JsonNode body) {
        ObjectNode search = SearchRequest.read(body);
        String alias = new AlertsIndexName(caller.space()).alias();
        return elasticsearch.send("POST", "/" + alias + "/_search", PARAMETERS, search).map(answer -> {
            if (!answer.ok()) {
                throw SelectionErrors.refused(answer, search.get("runtime_mappings"), null);
            }
            return answer.body();
        });
    }
}
