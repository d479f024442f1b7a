package io.opendetection.rules.ruleexceptions.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleIdentifier;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.service.DefaultExceptionLists;
import io.opendetection.rules.rule.service.RuleChanges;
import io.opendetection.rules.transfer.service.ExceptionListsClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/detection_engine/rules/{id}/exceptions}: items added to the rule's default
 * exception list, which is created (through exceptions-service) and attached to the rule first
 * when it has none. A list made here that cannot be attached is deleted again.
 */
@ApplicationScoped
public class RuleExceptionItems {
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
    ExceptionListsClient exceptionLists;

    public Uni<ArrayNode> add(String ruleId, JsonNode body) {
        UUID id;
        try {
            id = UUID.fromString(ruleId);
        } catch (IllegalArgumentException e) {
            throw ApiException.platform(400, "[request params]: id: Invalid uuid");
        }
        Problems problems = Problems.inBody();
        List<Fields> items = Fields.of(body, problems).objects("items", Presence.REQUIRED, 0);
        problems.throwIfAny();
        String space = caller.space();
        RuleIdentifier identifier = RuleIdentifier.of(ruleId, null);
        return rules.find(space, identifier).onItem().ifNull().failWith(identifier::notFound)
                .chain(rule -> defaultList(space, rule))
                .chain(list -> Multi.createFrom().iterable(body.get("items"))
                        .onItem().transformToUniAndConcatenate(item -> exceptionLists.createItem(
                                ((ObjectNode) item).deepCopy().put("list_id", list.path("list_id").asText())
                                        .put("namespace_type", list.path("namespace_type").asText("single"))))
                        .collect().asList())
                .map(created -> {
                    ArrayNode answer = JSON.arrayNode();
                    created.forEach(answer::add);
                    return answer;
                });
    }

    /** The rule's default list reference, made and attached now if it has none. */
    private Uni<JsonNode> defaultList(String space, ObjectNode rule) {
        JsonNode existing = DefaultExceptionLists.defaultList(rule);
        if (existing != null) {
            return Uni.createFrom().item(existing);
        }
        ObjectNode list = JSON.objectNode()
                .put("list_id", UUID.randomUUID().toString())
                .put("name", "Exceptions for rule - " + rule.path("name").asText())
                .put("description", "Exception list containing exceptions for rule with id: " + rule.path("id").asText())
                .put("type", "rule_default")
                .put("namespace_type", "single");
        return exceptionLists.createList(list).chain(created -> {
            ObjectNode reference = JSON.objectNode().put("id", created.path("id").asText())
                    .put("list_id", created.path("list_id").asText()).put("type", "rule_default")
                    .put("namespace_type", created.path("namespace_type").asText("single"));
            return attach(space, rule, reference)
                    .onFailure().call(failure -> exceptionLists.deleteList(reference.get("id").asText(), "single")
                            .onFailure().recoverWithNull())
                    .replaceWith((JsonNode) reference);
        });
    }

    private Uni<Void> attach(String space, ObjectNode rule, ObjectNode reference) {
        String user = caller.user();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        RuleIdentifier identifier = RuleIdentifier.of(rule.get("id").asText(), null);
        return pool.withTransaction(tx -> rules.findForUpdate(tx, space, identifier)
                        .onItem().ifNull().failWith(identifier::notFound)
                        .chain(current -> {
                            if (DefaultExceptionLists.defaultList(current) != null) {
                                // Another request attached one first: this one's list is not needed.
                                return Uni.createFrom().failure(ApiException.conflict(
                                        "rule " + current.get("id").asText() + " already has a default exception list"));
                            }
                            ObjectNode changed = RuleFactory.withExceptionList(current, reference, user, Instant.now());
                            return rules.update(tx, space, changed, editor)
                                    .chain(() -> outbox.append(tx, RuleChanges.updated(space, changed)));
                        }))
                .invoke(outbox::committed);
    }
}
