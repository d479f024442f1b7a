package io.opendetection.rules.bulk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.rules.bulk.model.ManualRunRange;
import io.opendetection.rules.bulk.model.RuleEdits;
import io.opendetection.rules.execution.manual.ManualRuns;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.service.DefaultExceptionLists;
import io.opendetection.rules.rule.service.RuleChanges;
import io.opendetection.rules.rule.service.RuleFilters;
import io.opendetection.rules.rule.service.RulePresenter;
import io.opendetection.rules.transfer.service.ExceptionListsClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code _bulk_action}: enable, disable, delete, duplicate and edit over a selection of any size,
 * walked in pages of ids, each page one transaction; and manual runs queued to the executor.
 * Per-rule failures do not stop the others; they are grouped by message in Kibana's
 * partial-failure answer.
 */
@ApplicationScoped
public class RuleBulkActions {
    static final int PAGE = 500;
    /** Kibana's MAX_SCHEDULE_BACKFILL_BULK_SIZE: the most rules one manual run request may queue. */
    static final int MAX_MANUAL_RUNS = 100;
    private static final int MAX_MESSAGE = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    Pool pool;

    @Inject
    RuleRepository rules;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    RulePresenter presenter;

    @Inject
    ExceptionListsClient exceptionLists;

    @Inject
    ManualRuns manualRuns;

    /** What a bulk action answers: its HTTP status and body. */
    public record Answer(int status, ObjectNode body) {
    }

    /** The ids the request selects, and the ids it named that are not there. */
    public Uni<Selection> select(BulkRequest request) {
        String space = caller.space();
        if (request.ids() != null) {
            List<UUID> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String id : request.ids()) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    unknown.add(id);
                }
            }
            return rules.findByIds(pool, space, ids, false).map(found -> {
                List<UUID> present = new ArrayList<>();
                ids.forEach(id -> {
                    if (found.containsKey(id)) {
                        present.add(id);
                    } else {
                        unknown.add(id.toString());
                    }
                });
                return new Selection(present, unknown);
            });
        }
        return rules.ids(space, RuleFilters.of(request.query())).map(ids -> new Selection(ids, List.of()));
    }

    public record Selection(List<UUID> ids, List<String> missing) {
    }

    public Uni<Answer> perform(BulkRequest request, Selection selection) {
        String space = caller.space();
        String user = caller.user();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        Outcome outcome = new Outcome(request.dryRun());
        // Kibana's lookup by id throws a plain Error for a missing rule: a 500 in its answer.
        selection.missing().forEach(id -> outcome.failed(JSON.objectNode().put("id", id), "Rule not found", 500, null));
        List<List<UUID>> pages = pages(selection.ids());
        if ("run".equals(request.action())) {
            return runManually(space, pages, request, outcome);
        }
        return Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(page -> "duplicate".equals(request.action())
                        ? duplicatePage(space, user, editor, page, request, outcome)
                        : changePage(space, user, editor, page, request, outcome))
                .collect().last()
                .chain(() -> outcome.answer(space, presenter));
    }

    /** Enable, disable, delete or edit one page of rules, under lock, in one transaction. */
    private Uni<Void> changePage(String space, String user, EditorPrivileges editor, List<UUID> ids,
                                 BulkRequest request, Outcome outcome) {
        Instant now = Instant.now();
        return pool.withTransaction(tx -> rules.findByIds(tx, space, ids, true).chain(found -> {
                    List<ObjectNode> updated = new ArrayList<>();
                    List<UUID> deleted = new ArrayList<>();
                    List<OutboxEvent> events = new ArrayList<>();
                    for (ObjectNode rule : found.values()) {
                        if ("delete".equals(request.action())) {
                            deleted.add(UUID.fromString(rule.get("id").asText()));
                            events.add(RuleChanges.deleted(rule));
                            outcome.deleted(rule);
                            continue;
                        }
                        ObjectNode changed;
                        try {
                            changed = changed(rule, request);
                        } catch (RuleEdits.EditFailure e) {
                            // Kibana names the error code only when its dry-run checks find it.
                            outcome.failed(rule, e.getMessage(), 500, request.dryRun() ? e.errCode() : null);
                            continue;
                        } catch (ApiException e) {
                            outcome.failed(rule, "Mutated params invalid: " + unprefixed(e.getMessage()), 500, null);
                            continue;
                        }
                        if (RuleFactory.sameDefinition(rule, changed)) {
                            outcome.skipped(rule);
                            continue;
                        }
                        ObjectNode stored = RuleFactory.touched(rule, changed, user, now);
                        updated.add(stored);
                        events.add(RuleChanges.updated(space, stored));
                        outcome.updated(stored);
                    }
                    if (request.dryRun()) {
                        return Uni.createFrom().voidItem();
                    }
                    return rules.updateAll(tx, space, updated, editor)
                            .chain(() -> deleted.isEmpty() ? Uni.createFrom().voidItem() : rules.deleteAll(tx, space, deleted))
                            .chain(() -> outbox.append(tx, events));
                }))
                .invoke(outbox::committed);
    }

    private static List<List<UUID>> pages(List<UUID> ids) {
        List<List<UUID>> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += PAGE) {
            pages.add(ids.subList(i, Math.min(ids.size(), i + PAGE)));
        }
        return pages;
    }

    /**
     * Kibana's manual run: a disabled rule fails; unless this is a dry run, the range is then
     * checked for the rules that qualify (a bad range, or more than 100 rules, refuses the whole
     * request as Kibana's alerting plugin does) and each one's run is queued to the executor.
     */
    private Uni<Answer> runManually(String space, List<List<UUID>> pages, BulkRequest request, Outcome outcome) {
        return Multi.createFrom().iterable(pages)
                .onItem().transformToUniAndConcatenate(page -> rules.findByIds(pool, space, page, false))
                .collect().asList()
                .chain(found -> {
                    List<ObjectNode> runnable = new ArrayList<>();
                    found.forEach(page -> page.values().forEach(rule -> {
                        if (rule.path("enabled").asBoolean()) {
                            runnable.add(rule);
                        } else {
                            outcome.failed(rule, "Cannot schedule manual rule run for a disabled rule", 500,
                                    "MANUAL_RULE_RUN_DISABLED_RULE");
                        }
                    }));
                    if (request.dryRun() || runnable.isEmpty()) {
                        runnable.forEach(outcome::updated);
                        return outcome.answer(space, presenter);
                    }
                    ManualRunRange range;
                    try {
                        range = ManualRunRange.of(request.runStart(), request.runEnd(), Instant.now());
                    } catch (ManualRunRange.Invalid invalid) {
                        // Every rule has the same range: the first one is where Kibana's check stops.
                        return Uni.createFrom().item(refused(runnable, request, "[0]: " + invalid.getMessage()));
                    }
                    if (runnable.size() > MAX_MANUAL_RUNS) {
                        return Uni.createFrom().item(refused(runnable, request, "array size is [" + runnable.size()
                                + "], but cannot be greater than [" + MAX_MANUAL_RUNS + "]"));
                    }
                    return Multi.createFrom().iterable(runnable)
                            .onItem().transformToUniAndConcatenate(rule -> manualRuns
                                    .queue(space, UUID.fromString(rule.get("id").asText()), range.start(), range.end())
                                    .invoke(() -> outcome.updated(rule))
                                    .onFailure().recoverWithItem(failure -> {
                                        outcome.failed(rule, String.valueOf(failure.getMessage()), 500, null);
                                        return null;
                                    }))
                            .collect().last()
                            .chain(() -> outcome.answer(space, presenter));
                });
    }

    /** Kibana's 400 (siem envelope) naming the backfill schedule its alerting plugin refused, and why. */
    private static Answer refused(List<ObjectNode> runnable, BulkRequest request, String reason) {
        ArrayNode schedule = JSON.arrayNode();
        runnable.forEach(rule -> schedule.addObject().put("ruleId", rule.get("id").asText()).putArray("ranges")
                .addObject().put("start", request.runStart()).put("end", request.runEnd()));
        String message = "Error validating backfill schedule parameters \"" + schedule + "\" - " + reason;
        return new Answer(400, JSON.objectNode().put("message", message).put("status_code", 400));
    }

    private static ObjectNode changed(ObjectNode rule, BulkRequest request) {
        return switch (request.action()) {
            case "enable" -> rule.deepCopy().put("enabled", true);
            case "disable" -> rule.deepCopy().put("enabled", false);
            default -> {
                ObjectNode edited = RuleEdits.apply(rule, request.edits());
                RuleFactory.validateRequest(edited);
                yield edited;
            }
        };
    }

    /**
     * Duplicates one page: each copy gets its own copy of the rule's default exception list (made
     * by exceptions-service) when exceptions are included; shared lists are referenced as they are.
     */
    private Uni<Void> duplicatePage(String space, String user, EditorPrivileges editor, List<UUID> ids,
                                    BulkRequest request, Outcome outcome) {
        Instant now = Instant.now();
        return rules.findByIds(pool, space, ids, false).chain(found -> Multi.createFrom().iterable(found.values())
                .onItem().transformToUniAndConcatenate(rule -> exceptionsOfCopy(rule, request)
                        .map(lists -> RuleFactory.duplicate(rule, UUID.randomUUID(), lists, user, now))
                        .onFailure(ApiException.class).recoverWithItem(failure -> {
                            outcome.failed(rule, failure.getMessage(), ((ApiException) failure).status(), null);
                            return null;
                        }))
                .filter(copy -> copy != null)
                .collect().asList())
                .chain(copies -> {
                    if (request.dryRun() || copies.isEmpty()) {
                        copies.forEach(outcome::created);
                        return Uni.createFrom().voidItem();
                    }
                    List<OutboxEvent> events = copies.stream().map(copy -> RuleChanges.created(space, copy)).toList();
                    return pool.withTransaction(tx -> rules.insertAll(tx, space, copies, editor).chain(() -> outbox.append(tx, events)))
                            .invoke(outbox::committed)
                            .invoke(() -> copies.forEach(outcome::created));
                });
    }

    private Uni<ArrayNode> exceptionsOfCopy(ObjectNode rule, BulkRequest request) {
        ArrayNode lists = JSON.arrayNode();
        if (!request.includeExceptions()) {
            return Uni.createFrom().item(lists);
        }
        JsonNode ruleDefault = DefaultExceptionLists.defaultList(rule);
        rule.path("exceptions_list").forEach(list -> {
            if (list != ruleDefault) {
                lists.add(list.deepCopy());
            }
        });
        if (ruleDefault == null || request.dryRun()) {
            return Uni.createFrom().item(lists);
        }
        return exceptionLists.duplicate(ruleDefault, request.includeExpiredExceptions()).map(copy -> {
            lists.addObject().put("id", copy.path("id").asText()).put("list_id", copy.path("list_id").asText())
                    .put("namespace_type", copy.path("namespace_type").asText("single")).put("type", "rule_default");
            return lists;
        });
    }

    private static String unprefixed(String message) {
        return message.startsWith("[request body]: ") ? message.substring("[request body]: ".length()) : message;
    }

    /** What happened to each rule, and the answer it makes. */
    private static final class Outcome {
        private final boolean dryRun;
        private final List<ObjectNode> updated = new ArrayList<>();
        private final List<ObjectNode> created = new ArrayList<>();
        private final List<ObjectNode> deleted = new ArrayList<>();
        private final ArrayNode skipped = JSON.arrayNode();
        private final Map<String, ObjectNode> errors = new LinkedHashMap<>();
        private int succeeded;
        private int failed;

        Outcome(boolean dryRun) {
            this.dryRun = dryRun;
        }

        synchronized void updated(ObjectNode rule) {
            succeeded++;
            if (!dryRun) {
                updated.add(rule);
            }
        }

        synchronized void created(ObjectNode rule) {
            succeeded++;
            if (!dryRun) {
                created.add(rule);
            }
        }

        synchronized void deleted(ObjectNode rule) {
            succeeded++;
            if (!dryRun) {
                deleted.add(rule);
            }
        }

        synchronized void skipped(ObjectNode rule) {
            skipped.addObject().put("id", rule.path("id").asText()).put("name", rule.path("name").asText())
                    .put("skip_reason", "RULE_NOT_MODIFIED");
        }

        /** Errors with the same message are one entry naming every rule it hit. */
        synchronized void failed(JsonNode rule, String message, int status, String errCode) {
            failed++;
            String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
            ObjectNode error = errors.computeIfAbsent(text + "\u0000" + status, key -> {
                ObjectNode entry = JSON.objectNode().put("message", text).put("status_code", status);
                if (errCode != null) {
                    entry.put("err_code", errCode);
                }
                entry.putArray("rules");
                return entry;
            });
            ObjectNode named = error.withArray("rules").addObject().put("id", rule.path("id").asText());
            if (rule.has("name")) {
                named.put("name", rule.get("name").asText());
            }
        }

        Uni<Answer> answer(String space, RulePresenter presenter) {
            return Uni.combine().all().unis(presenter.present(space, updated), presenter.present(space, created),
                    presenter.present(space, deleted)).asTuple().map(presented -> {
                ObjectNode attributes = JSON.objectNode();
                ObjectNode results = attributes.putObject("results");
                results.set("updated", JSON.arrayNode().addAll(presented.getItem1()));
                results.set("created", JSON.arrayNode().addAll(presented.getItem2()));
                results.set("deleted", JSON.arrayNode().addAll(presented.getItem3()));
                results.set("skipped", skipped);
                int total = succeeded + failed + skipped.size();
                attributes.putObject("summary").put("failed", failed).put("skipped", skipped.size())
                        .put("succeeded", succeeded).put("total", total);
                ObjectNode body = JSON.objectNode();
                if (failed == 0) {
                    body.put("success", true);
                    body.put("rules_count", total);
                    body.set("attributes", attributes);
                    return new Answer(200, body);
                }
                attributes.set("errors", JSON.arrayNode().addAll(errors.values()));
                body.put("message", succeeded > 0 ? "Bulk edit partially failed" : "Bulk edit failed");
                body.put("status_code", 500);
                ObjectNode ordered = JSON.objectNode();
                ordered.set("errors", attributes.get("errors"));
                ordered.set("results", attributes.get("results"));
                ordered.set("summary", attributes.get("summary"));
                body.set("attributes", ordered);
                return new Answer(500, body);
            });
        }
    }
}
