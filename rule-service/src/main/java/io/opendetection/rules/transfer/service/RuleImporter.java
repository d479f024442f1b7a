package io.opendetection.rules.transfer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.document.Documents;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.service.RuleChanges;
import io.opendetection.rules.transfer.persistence.ActionConnectors;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code _import}: an NDJSON file of rules (and the exception lists, items and connectors an export
 * puts beside them) read line by line from the upload on disk, never held whole. Exceptions go to
 * exceptions-service, then connectors are kept as {@link ConnectorImport} decides (an error there
 * imports no rule, as in Kibana), then rules are written
 * in batches, one transaction each; a bad line is reported with its rule_id (or its line number when
 * it has none) and the rest still import. Runs on a worker thread: it reads a file.
 */
@ApplicationScoped
public class RuleImporter {
    private static final Logger LOG = Logger.getLogger(RuleImporter.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Rules written by one import from which the planner's statistics are refreshed at once. */
    private static final long REFRESH_STATISTICS_AFTER = 1_000;
    static final int BATCH = 500;
    /** Batches written at once: the machine's two cores, one PostgreSQL backend each. */
    static final int IN_FLIGHT = 2;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    RuleRepository rules;

    @Inject
    Documents documents;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    ExceptionListsClient exceptionLists;

    @Inject
    ActionConnectors connectors;

    @ConfigProperty(name = "detection.rules.import.max-rules")
    int maxRules;

    private record Line(int number, JsonNode document) {
    }

    /**
     * A rule line that passed validation, and the new rule it makes unless its rule_id exists,
     * with that rule's JSON, written once for both the row and its event.
     */
    private record Candidate(JsonNode line, ObjectNode created, String createdJson) {
    }

    public ObjectNode importFile(String fileName, Path upload, ImportOptions options) {
        checkExtension(fileName);
        String space = caller.space();
        String user = caller.user();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        Result result = new Result();
        Path exceptionsFile = scan(upload, result);
        try {
            if (result.rulesCount > maxRules) {
                throw ApiException.siem(500, "Can't import more than " + maxRules + " rules");
            }
            if (exceptionsFile != null) {
                importExceptions(exceptionsFile, options, result);
            }
            importConnectors(space, options, result);
            if (result.connectorErrors.isEmpty()) {
                importRules(upload, space, user, editor, options, result);
                if (result.successCount >= REFRESH_STATISTICS_AFTER) {
                    refreshStatistics();
                }
            }
        } finally {
            deleteQuietly(exceptionsFile);
        }
        return result.response();
    }

    /** Before answering, so the first {@code _find}s after the import are planned for what it wrote (about 0.1 s). */
    private void refreshStatistics() {
        try {
            rules.refreshFindStatistics().await().indefinitely();
        } catch (RuntimeException e) {
            // Only the planner's estimates are stale until autovacuum's next look; the import stands.
            LOG.warnf("Refreshing the rule table's statistics after an import failed: %s", e.getMessage());
        }
    }

    private static void checkExtension(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot);
        if (!extension.equals(".ndjson")) {
            throw ApiException.badRequest("Invalid file extension " + extension);
        }
    }

    /**
     * First pass: counts the rule lines (the limit is checked before anything is written) and sets
     * the exception lines aside in a file of their own for exceptions-service.
     */
    private Path scan(Path upload, Result result) {
        Path exceptions = null;
        BufferedWriter exceptionsOut = null;
        try (BufferedReader reader = Files.newBufferedReader(upload, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode document = parse(text);
                switch (kind(document)) {
                    case RULE -> {
                        result.rulesCount++;
                        result.referencing(document);
                    }
                    case EXCEPTION -> {
                        if (exceptionsOut == null) {
                            exceptions = Files.createTempFile("rule-import-exceptions", ".ndjson");
                            exceptionsOut = Files.newBufferedWriter(exceptions, StandardCharsets.UTF_8);
                        }
                        exceptionsOut.write(text);
                        exceptionsOut.write('\n');
                    }
                    case CONNECTOR -> result.connector(document);
                    case DETAILS -> {
                        // the export's own summary: nothing to import
                    }
                }
            }
            if (exceptionsOut != null) {
                exceptionsOut.close();
            }
            return exceptions;
        } catch (IOException e) {
            deleteQuietly(exceptions);
            throw new UncheckedIOException(e);
        }
    }

    private enum Kind { RULE, EXCEPTION, CONNECTOR, DETAILS }

    /** How Kibana tells the lines of an export apart; a line that does not parse is a (bad) rule. */
    private static Kind kind(JsonNode document) {
        if (document == null || !document.isObject()) {
            return Kind.RULE;
        }
        if (document.has("exported_count") || document.has("exported_rules_count")) {
            return Kind.DETAILS;
        }
        if (document.has("list_id")) {
            return Kind.EXCEPTION;
        }
        if ("action".equals(document.path("type").asText()) && document.has("attributes")) {
            return Kind.CONNECTOR;
        }
        return Kind.RULE;
    }

    private void importConnectors(String space, ImportOptions options, Result result) {
        Set<String> stored = result.referenced.isEmpty() ? Set.of()
                : connectors.find(space, List.copyOf(result.referenced.keySet())).await().indefinitely().keySet();
        ConnectorImport.Plan plan = ConnectorImport.plan(result.referenced, result.connectorsInFile, stored,
                options.overwriteActionConnectors());
        connectors.upsertAll(space, plan.toStore()).await().indefinitely();
        result.connectorErrors.addAll(plan.errors());
        result.connectorWarnings.addAll(plan.warnings());
        result.connectorsStored = plan.toStore().size();
    }

    private void importExceptions(Path file, ImportOptions options, Result result) {
        try {
            JsonNode response = exceptionLists.importFile(file, options.overwriteExceptions(), options.asNewList())
                    .await().indefinitely();
            result.exceptionsErrors.addAll((ArrayNode) response.path("errors"));
            result.exceptionsSuccess = response.path("success").asBoolean(result.exceptionsErrors.isEmpty());
            result.exceptionsSuccessCount = response.path("success_count").asLong();
        } catch (ApiException e) {
            result.exceptionsSuccess = false;
            result.exceptionsErrors.add(error(e.status(), e.getMessage()));
        }
    }

    /**
     * Second pass: the rule lines, batch by batch. Up to {@link #IN_FLIGHT} batches are written at
     * once (PostgreSQL does most of an import's work, one core per transaction); their outcomes join
     * the answer in file order. A batch that names a rule_id an earlier batch also named (possible
     * only with overwrite) waits for those before it, so the last occurrence still wins.
     */
    private void importRules(Path upload, String space, String user, EditorPrivileges editor, ImportOptions options,
                             Result result) {
        Set<String> seen = new HashSet<>();
        Deque<CompletableFuture<Batch>> inFlight = new ArrayDeque<>();
        List<Line> lines = new ArrayList<>(BATCH);
        try (BufferedReader reader = Files.newBufferedReader(upload, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode document = parse(text);
                if (kind(document) != Kind.RULE) {
                    continue;
                }
                lines.add(new Line(number, document));
                if (lines.size() == BATCH) {
                    submit(prepare(lines, seen, user, options), inFlight, space, user, editor, options, result);
                    lines = new ArrayList<>(BATCH);
                }
            }
            submit(prepare(lines, seen, user, options), inFlight, space, user, editor, options, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // Whatever happened, the answer says what the batches already under way wrote.
            while (!inFlight.isEmpty()) {
                inFlight.poll().join().addTo(result);
            }
        }
    }

    private void submit(Batch batch, Deque<CompletableFuture<Batch>> inFlight, String space, String user,
                        EditorPrivileges editor, ImportOptions options, Result result) {
        int limit = batch.repeatsEarlierRuleIds ? 0 : IN_FLIGHT - 1;
        while (inFlight.size() > limit) {
            inFlight.poll().join().addTo(result);
        }
        inFlight.add(write(batch, space, user, editor, options));
    }

    /**
     * A batch's lines checked on their own: the rules to write by rule_id, in file order, and the
     * lines' errors. Each rule is validated, built and written as JSON here, once, on this worker
     * thread rather than in the transaction's callback on the event loop (the KQL and EQL parses
     * and the JSON are most of an import's CPU in rule-service).
     */
    private Batch prepare(List<Line> lines, Set<String> seen, String user, ImportOptions options) {
        Batch batch = new Batch(Instant.now());
        for (Line line : lines) {
            JsonNode document = line.document();
            if (document == null || !document.isObject()) {
                batch.errors.add(error(400, "line " + line.number() + ": not a JSON object: "
                        + (document == null ? "the line does not parse" : document.getNodeType().toString().toLowerCase())
                ).put("rule_id", "(unknown id)"));
                continue;
            }
            JsonNode ruleId = document.get("rule_id");
            if (ruleId == null || !ruleId.isTextual() || ruleId.asText().isEmpty()) {
                batch.errors.add(error(400, "line " + line.number() + ": rule_id: Required").put("rule_id", "(unknown id)"));
                continue;
            }
            String key = ruleId.asText();
            if (!seen.add(key)) {
                if (!options.overwrite()) {
                    batch.errors.add(error(400, "More than one rule with rule-id: \"" + key + "\" found").put("rule_id", key));
                    continue;
                }
                // With overwrite the last occurrence wins, and the rule is counted once.
                if (!batch.candidates.containsKey(key)) {
                    batch.successCount--;
                    batch.repeatsEarlierRuleIds = true;
                }
            }
            JsonNode rule = normalised(document);
            try {
                ObjectNode created = RuleFactory.imported(rule, UUID.randomUUID(), user, batch.now);
                batch.candidates.put(key, new Candidate(rule, created, documents.write(created)));
            } catch (ApiException e) {
                batch.errors.add(error(e.status(), messageOf(e)).put("rule_id", key));
            }
        }
        return batch;
    }

    /** The batch's rules written in one transaction; completes (never fails) with the batch's outcome. */
    private CompletableFuture<Batch> write(Batch batch, String space, String user, EditorPrivileges editor,
                                           ImportOptions options) {
        Map<String, Candidate> candidates = batch.candidates;
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(batch);
        }
        // Errors found while writing are kept apart: a rollback must not lose the lines' own errors.
        ArrayNode writeErrors = JSON.arrayNode();
        List<String> written = new ArrayList<>();
        return pool.withTransaction(tx -> rules.findByRuleIds(tx, space, List.copyOf(candidates.keySet()), true)
                        .chain(existing -> {
                            List<ObjectNode> inserts = new ArrayList<>();
                            List<String> insertedJson = new ArrayList<>();
                            List<ObjectNode> updates = new ArrayList<>();
                            List<OutboxEvent> events = new ArrayList<>();
                            written.clear();
                            writeErrors.removeAll();
                            candidates.forEach((ruleId, candidate) -> {
                                ObjectNode current = existing.get(ruleId);
                                try {
                                    if (current == null) {
                                        inserts.add(candidate.created());
                                        insertedJson.add(candidate.createdJson());
                                        events.add(RuleChanges.created(space, candidate.created(), candidate.createdJson()));
                                    } else if (options.overwrite()) {
                                        ObjectNode rule = RuleFactory.importedOver(current, candidate.line(), user, batch.now);
                                        updates.add(rule);
                                        events.add(RuleChanges.updated(space, rule));
                                    } else {
                                        writeErrors.add(error(409, "Rule with this rule_id already exists").put("rule_id", ruleId));
                                        return;
                                    }
                                    written.add(ruleId);
                                } catch (ApiException e) {
                                    writeErrors.add(error(e.status(), messageOf(e)).put("rule_id", ruleId));
                                }
                            });
                            return rules.insertAll(tx, space, inserts, insertedJson, editor)
                                    .chain(() -> rules.updateAll(tx, space, updates, editor))
                                    .chain(() -> outbox.append(tx, events));
                        }))
                .invoke(outbox::committed)
                .map(committed -> {
                    batch.errors.addAll(writeErrors);
                    batch.successCount += written.size();
                    return batch;
                })
                .onFailure().recoverWithItem(e -> {
                    // The batch's transaction rolled back: none of its rules were written, and each says so.
                    LOG.warnf(e, "import batch of %d rules failed", candidates.size());
                    String message = e instanceof ApiException api ? api.getMessage()
                            : "the rule could not be stored: " + e.getMessage();
                    batch.errors.addAll(writeErrors);
                    for (String ruleId : written) {
                        batch.errors.add(error(500, message).put("rule_id", ruleId));
                    }
                    return batch;
                })
                .subscribeAsCompletionStage();
    }

    /** One batch of rule lines: what to write, and what it adds to the answer. */
    private static final class Batch {
        final Map<String, Candidate> candidates = new LinkedHashMap<>();
        final ArrayNode errors = JSON.arrayNode();
        /** When its rules are created or updated. */
        final Instant now;
        long successCount;
        boolean repeatsEarlierRuleIds;

        Batch(Instant now) {
            this.now = now;
        }

        void addTo(Result result) {
            result.errors.addAll(errors);
            result.successCount += successCount;
        }
    }

    /**
     * The detection-rules repository writes a new-terms rule's fields as one {@code new_terms}
     * object; the API's form is {@code new_terms_fields} and {@code history_window_start}.
     */
    private static JsonNode normalised(JsonNode document) {
        JsonNode newTerms = document.get("new_terms");
        if (!"new_terms".equals(document.path("type").asText()) || newTerms == null || !newTerms.isObject()
                || document.has("new_terms_fields")) {
            return document;
        }
        ObjectNode rule = ((ObjectNode) document).deepCopy();
        rule.remove("new_terms");
        if ("new_terms_fields".equals(newTerms.path("field").asText())) {
            rule.set("new_terms_fields", newTerms.path("value"));
        }
        for (JsonNode parameter : newTerms.path("history_window_start")) {
            if ("history_window_start".equals(parameter.path("field").asText())) {
                rule.set("history_window_start", parameter.path("value"));
            }
        }
        return rule;
    }

    /** Validation messages name the field as Kibana's import does: without the request-part prefix. */
    private static String messageOf(ApiException e) {
        String message = e.getMessage();
        return message.startsWith("[request body]: ") ? message.substring("[request body]: ".length()) : message;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ObjectNode error(int status, String message) {
        ObjectNode error = JSON.objectNode();
        error.putObject("error").put("message", message).put("status_code", status);
        return error;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    /** The 200 answer, every key the spec requires. */
    private static final class Result {
        long rulesCount;
        long successCount;
        final ArrayNode errors = JSON.arrayNode();
        final ArrayNode exceptionsErrors = JSON.arrayNode();
        boolean exceptionsSuccess = true;
        long exceptionsSuccessCount;
        final ArrayNode connectorErrors = JSON.arrayNode();
        final ArrayNode connectorWarnings = JSON.arrayNode();
        long connectorsStored;
        /** Connector id to the rule_ids that use it, in file order. */
        final Map<String, Set<String>> referenced = new LinkedHashMap<>();
        final Map<String, ObjectNode> connectorsInFile = new LinkedHashMap<>();

        void connector(JsonNode document) {
            connectorsInFile.put(document.path("id").asText(), (ObjectNode) document);
        }

        void referencing(JsonNode rule) {
            if (rule != null && rule.path("rule_id").isTextual()) {
                ConnectorImport.connectorIds(rule).forEach(id -> referenced
                        .computeIfAbsent(id, key -> new LinkedHashSet<>()).add(rule.get("rule_id").asText()));
            }
        }

        ObjectNode response() {
            ObjectNode response = JSON.objectNode();
            // Kibana reports a connector error among the rules' errors too, first.
            ArrayNode allErrors = JSON.arrayNode().addAll(connectorErrors).addAll(errors);
            response.set("errors", allErrors);
            response.put("success", allErrors.isEmpty());
            response.put("success_count", successCount);
            response.put("rules_count", rulesCount);
            response.set("exceptions_errors", exceptionsErrors);
            response.put("exceptions_success", exceptionsSuccess);
            response.put("exceptions_success_count", exceptionsSuccessCount);
            response.set("action_connectors_errors", connectorErrors);
            response.set("action_connectors_warnings", connectorWarnings);
            response.put("action_connectors_success", connectorErrors.isEmpty());
            response.put("action_connectors_success_count", connectorsStored);
            return response;
        }
    }
}
