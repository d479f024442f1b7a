package io.opendetection.alerts.index.service;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import io.opendetection.alerts.index.persistence.IndexChange;
import io.opendetection.alerts.index.persistence.IndexChangeLog;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.opendetection.common.elasticsearch.ElasticsearchRequests.send;

/** Creates, inspects and deletes the alerts index of a space. */
@ApplicationScoped
public class AlertsIndexService {
    static final String NOT_FOUND = "index for this space does not exist";
    /** Who the index changes alert-service makes on its own account (at start, at ingest) are recorded as. */
    public static final String SERVICE_USER = "alert-service";

    @Inject
    ElasticsearchAsyncClient elasticsearch;

    @Inject
    AlertsMapping mapping;

    @Inject
    IndexChangeLog changes;

    @ConfigProperty(name = "detection.alerts.index.replicas")
    int replicas;

    /** Creates the space's alerts index, or adds the fields its mapping lacks: calling it again is harmless. */
    public Uni<Void> create(String space, String user) {
        AlertsIndexName name = new AlertsIndexName(space);
        return mappings(name).flatMap(existing -> existing.isEmpty()
                ? createFirstIndex(name, user)
                : addMissingFields(name, existing, user));
    }

    public Uni<AlertsIndex> read(String space) {
        AlertsIndexName name = new AlertsIndexName(space);
        return mappings(name).map(existing -> {
            if (existing.isEmpty()) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return new AlertsIndex(name.alias(), existing.values().stream().anyMatch(mapping::isOutdated));
        });
    }

    /** Deletes every concrete index behind the space's alias, and with them the alias. */
    public Uni<Void> delete(String space, String user) {
        AlertsIndexName name = new AlertsIndexName(space);
        return mappings(name).flatMap(existing -> {
            if (existing.isEmpty()) {
                return Uni.createFrom().failure(ApiException.notFound("index: \"" + name.alias() + "\" does not exist"));
            }
            List<String> indices = List.copyOf(existing.keySet());
            return send(() -> elasticsearch.indices().delete(request -> request.index(indices)))
                    .flatMap(deleted -> changes.record(space, IndexChange.DELETED, user, indices));
        });
    }

    /**
     * Adds the fields of the current mapping to the alerts indices of every space, as a new
     * release does at start; answers the spaces whose indices were updated.
     */
    public Uni<List<String>> addMissingFieldsEverywhere(String user) {
        return send(() -> elasticsearch.indices().getMapping(request -> request
                .index(AlertsIndexName.ALL_ALIASES)
                .expandWildcards(ExpandWildcard.All)
                .ignoreUnavailable(true)
                .allowNoIndices(true)))
                .flatMap(response -> {
                    Map<String, Map<String, TypeMapping>> bySpace = new TreeMap<>();
                    response.result().forEach((index, mappings) -> AlertsIndexName.spaceOf(index).ifPresent(space ->
                            bySpace.computeIfAbsent(space, ignored -> new TreeMap<>()).put(index, mappings.mappings())));
                    List<String> outdated = bySpace.entrySet().stream()
                            .filter(space -> space.getValue().values().stream().anyMatch(mapping::isOutdated))
                            .map(Map.Entry::getKey)
                            .toList();
                    if (outdated.isEmpty()) {
                        return Uni.createFrom().item(List.<String>of());
                    }
                    return Uni.join().all(outdated.stream()
                                    .map(space -> addMissingFields(new AlertsIndexName(space), bySpace.get(space), user))
                                    .toList())
                            .andCollectFailures().replaceWith(outdated);
                });
    }

    /** The mapping of each concrete index behind the space's alias; empty when there is none. */
    private Uni<Map<String, TypeMapping>> mappings(AlertsIndexName name) {
        return send(() -> elasticsearch.indices().getMapping(request -> request
                .index(name.alias())
                .ignoreUnavailable(true)))
                .map(response -> response.result().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, index -> index.getValue().mappings())));
    }

    private Uni<Void> createFirstIndex(AlertsIndexName name, String user) {
        return send(() -> elasticsearch.indices().create(firstIndexRequest(name)))
                .flatMap(created -> changes.record(name.space(), IndexChange.CREATED, user, List.of(name.firstIndex())))
                // A concurrent request created it first: what is left to do is the update.
                .onFailure(AlertsIndexService::alreadyExists).recoverWithUni(() -> mappings(name)
                        .flatMap(existing -> existing.isEmpty()
                                ? Uni.createFrom().failure(ApiException.conflict("index \"" + name.firstIndex()
                                        + "\" exists but the alias \"" + name.alias() + "\" does not point to it"))
                                : addMissingFields(name, existing, user)));
    }

    private CreateIndexRequest firstIndexRequest(AlertsIndexName name) {
        return CreateIndexRequest.of(request -> request
                .index(name.firstIndex())
                // Hidden, like Kibana's: no deprecation warning for a dot-name, and out of wildcard searches.
                .settings(settings -> settings
                        .numberOfShards("1")
                        .numberOfReplicas(String.valueOf(replicas))
                        .hidden(true)
                        // Source fields merged into alerts may be malformed; the alert must still be written.
                        .mapping(limits -> limits.ignoreMalformed(true)))
                .mappings(mapping.mapping())
                .aliases(name.alias(), alias -> alias.isWriteIndex(true).isHidden(true)));
    }

    /** Put mapping only adds: fields already there keep their definition. */
    private Uni<Void> addMissingFields(AlertsIndexName name, Map<String, TypeMapping> existing, String user) {
        List<String> outdated = existing.entrySet().stream()
                .filter(index -> mapping.isOutdated(index.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (outdated.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return send(() -> elasticsearch.indices().putMapping(request -> request
                .index(outdated)
                .dynamic(mapping.mapping().dynamic())
                .properties(mapping.mapping().properties())))
                .flatMap(updated -> changes.record(name.space(), IndexChange.MAPPING_UPDATED, user, outdated));
    }

    private static boolean alreadyExists(Throwable failure) {
        return failure instanceof ElasticsearchException e
                && "resource_already_exists_exception".equals(e.error().type());
    }
}
