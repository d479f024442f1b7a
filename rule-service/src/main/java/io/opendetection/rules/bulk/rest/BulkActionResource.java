package io.opendetection.rules.bulk.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.rules.bulk.service.BulkRequest;
import io.opendetection.rules.bulk.service.RuleBulkActions;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.service.RuleFilters;
import io.opendetection.rules.transfer.rest.RuleTransferResource;
import io.opendetection.rules.transfer.service.RuleExporter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** {@code POST /api/detection_engine/rules/_bulk_action}: JSON results, or NDJSON for {@code export}. */
@Path("/api/detection_engine/rules/_bulk_action")
public class BulkActionResource {
    @Inject
    RuleBulkActions bulk;

    @Inject
    RuleExporter exporter;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<byte[]> perform(@RestQuery("dry_run") String dryRun, JsonNode body) {
        BulkRequest request = BulkRequest.of(body, RuleTransferResource.flag("dry_run", dryRun));
        if ("export".equals(request.action())) {
            RuleExporter.Selection selection = request.ids() != null
                    ? new RuleExporter.ByIds(request.ids().stream().map(RuleRepository::parseId).toList())
                    : new RuleExporter.Matching(RuleFilters.of(request.query()));
            return RuleTransferResource.ndjson(exporter.export(selection, false), "rules_export.ndjson");
        }
        Uni<RuleBulkActions.Answer> answer = bulk.select(request).chain(selection -> bulk.perform(request, selection));
        return RestMulti.fromUniResponse(answer, result -> Multi.createFrom().item(bytes(result.body())),
                result -> Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON)), RuleBulkActions.Answer::status);
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
