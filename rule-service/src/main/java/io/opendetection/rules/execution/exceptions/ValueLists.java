package io.opendetection.rules.execution.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.calls.Backend;
import io.opendetection.common.calls.ServiceCalls;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values of the value lists a run's exception items name, read from lists-service with the
 * executor's token at the start of the run, so every rule type applies them in its query. A list
 * that does not exist, or that this executor may not read, is left out of the answer (its items
 * are then not applied, with a warning); lists-service not answering fails the run, so its
 * windows run again rather than raise alerts an exception should have stopped.
 */
@ApplicationScoped
public class ValueLists {
    @Inject
    ServiceCalls calls;

    @Inject
    ExecutorTokens tokens;

    /** The most values of one list a run applies; a larger list's items are reported, not applied. */
    @ConfigProperty(name = "detection.executor.value-list-max-values")
    int maxValues;

    public Uni<Map<String, ValueListValues>> read(String space, String ruleId, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Optional<String> token = tokens.forRule(space, ruleId);
        if (token.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> calls.call(Backend.LISTS, HttpMethod.GET,
                                "/internal/value-lists/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                                        + "/values?limit=" + maxValues, null, null, token.get())
                        .map(response -> {
                            if (response.status() == 404 || response.status() == 403) {
                                return Map.entry(id, Optional.<ValueListValues>empty());
                            }
                            if (!response.ok()) {
                                throw new IllegalStateException("lists-service answered " + response.status()
                                        + " for the values of value list \"" + id + "\"");
                            }
                            return Map.entry(id, Optional.of(values(response.json())));
                        }))
                .collect().asList()
                .map(entries -> {
                    Map<String, ValueListValues> lists = new HashMap<>();
                    entries.forEach(entry -> entry.getValue().ifPresent(values -> lists.put(entry.getKey(), values)));
                    return lists;
                });
    }

    private static ValueListValues values(JsonNode body) {
        List<String> values = new ArrayList<>(body.path("values").size());
        body.path("values").forEach(value -> values.add(value.asText()));
        return new ValueListValues(body.path("type").asText(), values, body.path("complete").asBoolean());
    }
}
