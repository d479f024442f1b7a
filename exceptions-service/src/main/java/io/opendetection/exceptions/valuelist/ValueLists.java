package io.opendetection.exceptions.valuelist;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.calls.Backend;
import io.opendetection.common.calls.ServiceCalls;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value lists that {@code list} entries point at, which lists-service owns: an entry may only
 * name a list that exists, asked of lists-service on the caller's behalf (so in the caller's space).
 */
@ApplicationScoped
public class ValueLists {
    @Inject
    ServiceCalls calls;

    /**
     * The problems of the {@code list} entries among {@code entries} (the item's validated entries),
     * as {@code "entries.N.list.id: ..."}; empty when every list exists.
     */
    public Uni<List<String>> problems(JsonNode entries) {
        Map<String, String> fieldsByListId = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if ("list".equals(entry.path("type").asText())) {
                fieldsByListId.putIfAbsent(entry.path("list").path("id").asText(), "entries." + i + ".list.id");
            }
        }
        if (fieldsByListId.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(fieldsByListId.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> exists(entry.getKey())
                        .map(exists -> exists ? "" : entry.getValue() + ": list id: \"" + entry.getKey() + "\" does not exist"))
                .filter(problem -> !problem.isEmpty())
                .collect().asList();
    }

    /** Fails with a 400 naming every entry whose value list does not exist. */
    public Uni<Void> requireExisting(JsonNode entries) {
        return problems(entries).invoke(problems -> {
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(String.join(", ", problems));
            }
        }).replaceWithVoid();
    }

    private Uni<Boolean> exists(String id) {
        return calls.get(Backend.LISTS, "/internal/value-lists/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .map(response -> {
                    if (response.status() == 404) {
                        return false;
                    }
                    if (!response.ok()) {
                        throw ApiException.siem(503, "lists-service is unavailable");
                    }
                    return true;
                });
    }
}
