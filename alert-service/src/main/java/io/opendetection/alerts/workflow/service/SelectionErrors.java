package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.elasticsearch.ElasticsearchJson.Answer;
import io.opendetection.common.errors.ApiException;

import java.util.Locale;

/**
 * Elasticsearch's refusal of a caller's search (a query it cannot parse, a runtime field it cannot
 * run) as the 400 that names the field of the request at fault.
 */
public final class SelectionErrors {
    private SelectionErrors() {
    }

    static RuntimeException refused(Answer answer, AlertSelection selection) {
        return refused(answer, selection.runtimeMappings(), "query");
    }

    /**
     * @param runtimeMappings the runtime fields the caller sent, null for none
     * @param field           what to name when the runtime fields are not at fault; null to give
     *                        Elasticsearch's reason alone (it names what it could not parse)
     */
    public static RuntimeException refused(Answer answer, JsonNode runtimeMappings, String field) {
        if (answer.status() != 400) {
            return new IllegalStateException("Elasticsearch answered " + answer.status() + ": " + answer.errorReason());
        }
        String reason = answer.errorReason();
        if (hasScript(runtimeMappings) && mentionsScripts(answer)) {
            return ApiException.platform(400, "[request body]: runtime_mappings: the Elasticsearch cluster cannot run"
                    + " the runtime field's script (" + reason + "); a runtime field without a script, which reads"
                    + " its value from _source, can be used");
        }
        return ApiException.platform(400, field == null ? reason : "[request body]: " + field + ": " + reason);
    }

    private static boolean hasScript(JsonNode runtimeMappings) {
        if (runtimeMappings == null) {
            return false;
        }
        for (JsonNode mapping : runtimeMappings) {
            if (mapping.has("script")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsScripts(Answer answer) {
        String error = answer.body().path("error").toString().toLowerCase(Locale.ROOT);
        return error.contains("script") || error.contains("painless");
    }
}
