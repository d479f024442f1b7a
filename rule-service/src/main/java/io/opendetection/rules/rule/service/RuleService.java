package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleIdentifier;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/** Creating, reading, replacing, patching and deleting rules; every change is stored and published in one transaction. */
@ApplicationScoped
public class RuleService {
    @Inject
    Pool pool;

    @Inject
    RuleRepository rules;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    DefaultExceptionLists defaultLists;

    @Inject
    RulePresenter presenter;

    public Uni<ObjectNode> create(JsonNode request) {
        String space = caller.space();
        ObjectNode rule = RuleFactory.create(request, UUID.randomUUID(), caller.user(), Instant.now());
        EditorPrivileges editor = EditorPrivileges.of(caller);
        // The rule and its event are sent together (one round trip): when the rule_id is taken, the
        // failure rolls the event back with the transaction.
        return pool.withTransaction(tx -> defaultLists.check(tx, space, rule, null)
                        .chain(() -> Uni.combine().all().unis(rules.insert(tx, space, rule, editor),
                                outbox.append(tx, RuleChanges.created(space, rule))).asTuple())
                        .flatMap(written -> written.getItem1() ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(ApiException.conflict(
                                        "rule_id: \"" + rule.get("rule_id").asText() + "\" already exists"))))
                .invoke(outbox::committed)
                .map(ignored -> presenter.presentCreated(rule));
    }

    public Uni<ObjectNode> read(RuleIdentifier identifier) {
        String space = caller.space();
        return rules.find(space, identifier).onItem().ifNull().failWith(identifier::notFound)
                .chain(rule -> presenter.present(space, rule));
    }

    /** PUT: the rule replaced by the request; the request is checked before the rule is looked up. */
    public Uni<ObjectNode> replace(JsonNode request) {
        RuleFactory.validateRequest(request);
        String user = caller.user();
        Instant now = Instant.now();
        return change(request, existing -> RuleFactory.replace(existing, request, user, now));
    }

    /** PATCH: the request's fields merged into the rule. */
    public Uni<ObjectNode> patch(JsonNode request) {
        RuleFactory.validatePatch(request);
        String user = caller.user();
        Instant now = Instant.now();
        return change(request, existing -> RuleFactory.patch(existing, request, user, now));
    }

    private Uni<ObjectNode> change(JsonNode request, Function<ObjectNode, ObjectNode> changeOf) {
        RuleIdentifier identifier = RuleIdentifier.of(text(request, "id"), text(request, "rule_id"));
        String space = caller.space();
        String namedAs = identifier.id() != null ? identifier.rawId() : identifier.ruleId();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        // Read, change and write under the row's lock: a failure anywhere leaves the rule as it was.
        return pool.withTransaction(tx -> rules.findForUpdate(tx, space, identifier)
                        .onItem().ifNull().failWith(identifier::notFound)
                        .map(changeOf)
                        .call(rule -> defaultLists.check(tx, space, rule, namedAs))
                        .call(rule -> rules.update(tx, space, rule, editor))
                        .call(rule -> outbox.append(tx, RuleChanges.updated(space, rule))))
                .invoke(outbox::committed)
                .chain(rule -> presenter.present(space, rule));
    }

    /**
     * Kibana's {@code POST /api/alerting/rule/{id}/_update_api_key}: the rule runs from now on with
     * the caller's privileges, nothing else about it changes. Unknown in the space: Kibana's 404.
     */
    public Uni<Void> updateApiKey(String id) {
        String space = caller.space();
        String user = caller.user();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        RuleIdentifier identifier = RuleIdentifier.of(id, null);
        return pool.withTransaction(tx -> rules.findForUpdate(tx, space, identifier)
                        .onItem().ifNull().failWith(() -> ApiException.platform(404,
                                "Saved object [alert/" + id + "] not found"))
                        .map(existing -> RuleFactory.keyUpdated(existing, user, Instant.now()))
                        .call(rule -> rules.update(tx, space, rule, editor))
                        .call(rule -> outbox.append(tx, RuleChanges.updated(space, rule))))
                .invoke(outbox::committed)
                .replaceWithVoid();
    }

    public Uni<ObjectNode> delete(RuleIdentifier identifier) {
        String space = caller.space();
        return pool.withTransaction(tx -> rules.delete(tx, space, identifier)
                        .onItem().ifNull().failWith(identifier::notFound)
                        .call(rule -> outbox.append(tx, RuleChanges.deleted(rule))))
                .invoke(outbox::committed)
                .chain(rule -> presenter.present(space, rule));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request == null ? null : request.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
