package io.opendetection.rules.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.kql.SqlCondition;
import io.opendetection.rules.rule.model.ExceptionListReferences;
import io.opendetection.rules.rule.persistence.ExportedRule;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.transfer.persistence.ActionConnectors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rules out as NDJSON, streamed page by page: the rules (their stored documents as they are), then
 * the exception lists and items they reference (exported by exceptions-service), then the action
 * connectors their actions use (as imports stored them, marked as missing their secrets), then
 * Kibana's export-details line.
 */
@ApplicationScoped
public class RuleExporter {
    static final int PAGE = 500;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    RuleRepository rules;

    @Inject
    Pool pool;

    @Inject
    ExceptionListsClient exceptionLists;

    @Inject
    ActionConnectors connectors;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    /** Which rules to export. */
    public sealed interface Selection permits ByRuleIds, ByIds, Matching {
    }

    /** The body's {@code objects}: rules named by rule_id; those missing are reported in the summary. */
    public record ByRuleIds(List<String> ruleIds) implements Selection {
    }

    /** Rules by id, as a bulk action resolved them. */
    public record ByIds(List<UUID> ids) implements Selection {
    }

    /** Every rule matching a filter (null: every rule of the space). */
    public record Matching(SqlCondition filter) implements Selection {
    }

    /** The selection an export request's body makes: {@code {"objects":[{"rule_id":...}]}}, or everything. */
    public static Selection selection(JsonNode body) {
        if (body == null || body.isNull() || (body.isObject() && body.isEmpty())) {
            return new Matching(null);
        }
        Problems problems = Problems.inBody();
        List<Fields> objects = Fields.of(body, problems).objects("objects", Presence.REQUIRED, 0);
        List<String> ruleIds = new ArrayList<>();
        if (objects != null) {
            objects.forEach(object -> ruleIds.add(object.string("rule_id", Presence.REQUIRED)));
        }
        problems.throwIfAny();
        return new ByRuleIds(ruleIds);
    }

    public Multi<byte[]> export(Selection selection, boolean excludeDetails) {
        String space = caller.space();
        Tally tally = new Tally();
        Multi<List<ExportedRule>> pages;
        if (selection instanceof ByRuleIds byRuleIds) {
            pages = Multi.createFrom().iterable(chunks(byRuleIds.ruleIds()))
                    .onItem().transformToUniAndConcatenate(chunk -> rules.exportedByRuleIds(space, chunk)
                            .map(found -> {
                                Set<String> foundIds = new HashSet<>();
                                found.forEach(rule -> foundIds.add(rule.ruleId()));
                                chunk.stream().filter(ruleId -> !foundIds.contains(ruleId)).distinct()
                                        .forEach(tally::missing);
                                return found;
                            }));
        } else if (selection instanceof ByIds byIds) {
            pages = Multi.createFrom().iterable(chunks(byIds.ids()))
                    .onItem().transformToUniAndConcatenate(chunk -> rules.exportedByIds(space, chunk));
        } else {
            pages = allPages(space, ((Matching) selection).filter());
        }
        Multi<byte[]> ruleLines = pages.filter(page -> !page.isEmpty()).map(page -> {
            page.forEach(tally::rule);
            return joined(page);
        });
        Multi<byte[]> exceptionLines = Multi.createFrom().deferred(() -> Multi.createFrom().iterable(tally.lists())
                .onItem().transformToUniAndConcatenate(reference -> exceptionLists.export(reference).map(exported -> {
                    if (exported == null) {
                        tally.missingList(reference);
                        return List.<byte[]>of();
                    }
                    exported.forEach(tally::exceptionLine);
                    return lines(exported);
                }))
                .onItem().transformToIterable(lines -> lines));
        Multi<byte[]> connectorLines = Multi.createFrom().deferred(() -> Multi.createFrom().iterable(chunks(tally.connectorIds()))
                .onItem().transformToUniAndConcatenate(chunk -> connectors.find(space, chunk).map(found -> {
                    List<ObjectNode> exported = new ArrayList<>();
                    for (String id : chunk) {
                        ObjectNode connector = found.get(id);
                        if (connector == null) {
                            tally.missingConnector(id);
                        } else {
                            exported.add(exportedConnector(connector));
                        }
                    }
                    tally.connectors += exported.size();
                    return lines(exported);
                }))
                .onItem().transformToIterable(lines -> lines));
        Multi<byte[]> details = Multi.createFrom().deferred(() -> excludeDetails ? Multi.createFrom().empty()
                : Multi.createFrom().iterable(lines(List.of(tally.summary()))));
        return Multi.createBy().concatenating().streams(ruleLines, exceptionLines, connectorLines, details);
    }

    /** Kibana's actions plugin exports a connector without its secrets, and says so. */
    private static ObjectNode exportedConnector(ObjectNode stored) {
        ObjectNode connector = stored.deepCopy();
        ObjectNode attributes = connector.get("attributes") instanceof ObjectNode object ? object : connector.putObject("attributes");
        attributes.put("isMissingSecrets", true);
        attributes.putObject("secrets");
        return connector;
    }

    /**
     * Every matching rule, page by page in id order. A page's arrival sends the query for the next
     * one, so PostgreSQL reads it while this page is written out rather than after.
     */
    private Multi<List<ExportedRule>> allPages(String space, SqlCondition filter) {
        AtomicReference<Uni<List<ExportedRule>>> next = new AtomicReference<>(pageAfter(space, filter, null));
        return Multi.createBy().repeating()
                .uni(() -> next.get().invoke(page -> {
                    if (page.size() == PAGE) {
                        next.set(pageAfter(space, filter, page.get(PAGE - 1).id()));
                    }
                }))
                .whilst(page -> page.size() == PAGE);
    }

    /** The page after {@code last}, its query already sent; subscribing waits for its answer. */
    private Uni<List<ExportedRule>> pageAfter(String space, SqlCondition filter, UUID last) {
        Uni<List<ExportedRule>> page = rules.exportedAfter(space, filter, last, PAGE).memoize().indefinitely();
        page.subscribe().with(rows -> { }, failure -> { }); // its failure reaches whoever waits for the page
        return page;
    }

    /**
     * A page of rules as one item: their stored documents, one per line. One write per page, not
     * per rule, keeps a large export from being thousands of small chunks through the gateway.
     */
    private static byte[] joined(List<ExportedRule> page) {
        int size = page.size() - 1;
        for (ExportedRule rule : page) {
            size += rule.document().length;
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (ExportedRule rule : page) {
            if (at > 0) {
                joined[at++] = '\n';
            }
            System.arraycopy(rule.document(), 0, joined, at, rule.document().length);
            at += rule.document().length;
        }
        return joined;
    }

    /** One item per line: the NDJSON writer ends each item with its newline. */
    private List<byte[]> lines(List<? extends JsonNode> documents) {
        List<byte[]> lines = new ArrayList<>(documents.size());
        try {
            for (JsonNode document : documents) {
                lines.add(json.writeValueAsBytes(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += PAGE) {
            chunks.add(values.subList(i, Math.min(values.size(), i + PAGE)));
        }
        return chunks;
    }

    /** What the export wrote so far, for its details line; exception lists are remembered once each. */
    private static final class Tally {
        private long rules;
        private long lists;
        private long items;
        private long connectors;
        private final ArrayNode missingRules = JSON.arrayNode();
        private final ArrayNode missingConnectors = JSON.arrayNode();
        private final Set<String> connectorIds = new LinkedHashSet<>();
        private final ArrayNode missingLists = JSON.arrayNode();
        private final Map<String, JsonNode> references = new LinkedHashMap<>();

        void rule(ExportedRule rule) {
            rules++;
            for (JsonNode reference : rule.exceptionsList()) {
                if (ExceptionListReferences.isEndpointList(reference)) {
                    continue;
                }
                String key = reference.path("list_id").asText() + "/" + reference.path("namespace_type").asText("single");
                references.putIfAbsent(key, reference);
            }
            for (JsonNode action : rule.actions()) {
                if (action.path("id").isTextual()) {
                    connectorIds.add(action.get("id").asText());
                }
            }
        }

        List<String> connectorIds() {
            return List.copyOf(connectorIds);
        }

        void missingConnector(String id) {
            missingConnectors.addObject().put("id", id).put("type", "action");
        }

        void missing(String ruleId) {
            missingRules.addObject().put("rule_id", ruleId);
        }

        List<JsonNode> lists() {
            return List.copyOf(references.values());
        }

        void exceptionLine(JsonNode line) {
            if (line.has("item_id")) {
                items++;
            } else {
                lists++;
            }
        }

        void missingList(JsonNode reference) {
            missingLists.add(reference);
        }

        ObjectNode summary() {
            ObjectNode summary = JSON.objectNode();
            summary.put("exported_count", rules + lists + items + connectors);
            summary.put("exported_rules_count", rules);
            summary.set("missing_rules", missingRules);
            summary.put("missing_rules_count", missingRules.size());
            summary.put("exported_exception_list_count", lists);
            summary.put("exported_exception_list_item_count", items);
            summary.put("missing_exception_list_item_count", 0);
            summary.putArray("missing_exception_list_items");
            summary.set("missing_exception_lists", missingLists);
            summary.put("missing_exception_lists_count", missingLists.size());
            summary.put("exported_action_connector_count", connectors);
            summary.put("missing_action_connection_count", missingConnectors.size());
            summary.set("missing_action_connections", missingConnectors);
            summary.put("excluded_action_connection_count", 0);
            summary.putArray("excluded_action_connections");
            return summary;
        }
    }

}
