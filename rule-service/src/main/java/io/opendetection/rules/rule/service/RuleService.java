package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.RuleChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.rules.execution.state.ExecutionSummaries;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleIdentifier;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** Creating, reading and deleting rules; every change is stored and published in one transaction. */
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
    ExecutionSummaries executionSummaries;

    public Uni<ObjectNode> create(JsonNode request) {
        String space = caller.space();
        ObjectNode rule = RuleFactory.create(request, UUID.randomUUID(), caller.user(), Instant.now());
        return pool.withTransaction(tx -> rules.insert(tx, space, rule).flatMap(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().failure(ApiException.conflict(
                                "rule_id: \"" + rule.get("rule_id").asText() + "\" already exists"));
                    }
                    return outbox.append(tx, changed(EventTypes.RULE_CREATED, space, rule));
                }))
                .invoke(outbox::committed)
                .replaceWith(rule);
    }

    public Uni<ObjectNode> read(RuleIdentifier identifier) {
        return rules.find(caller.space(), identifier).onItem().ifNull().failWith(identifier::notFound)
                .flatMap(executionSummaries::attach);
    }

    public Uni<ObjectNode> delete(RuleIdentifier identifier) {
        String space = caller.space();
        return pool.withTransaction(tx -> rules.delete(tx, space, identifier)
                        .onItem().ifNull().failWith(identifier::notFound)
                        .call(rule -> outbox.append(tx, new OutboxEvent(Topics.RULES, rule.get("id").asText(),
                                EventTypes.RULE_DELETED, rule.get("rule_id").asText(), null))))
                .invoke(outbox::committed);
    }

    private static OutboxEvent changed(String type, String space, ObjectNode rule) {
        return new OutboxEvent(Topics.RULES, rule.get("id").asText(), type, rule.get("rule_id").asText(),
                new RuleChange(space, rule));
    }
}
