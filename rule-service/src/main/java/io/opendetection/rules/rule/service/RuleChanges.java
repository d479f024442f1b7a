package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.RuleChange;
import io.opendetection.contracts.events.Topics;

/** The events a rule change publishes on {@code detection.rules.v1}: the whole rule, keyed by id. */
public final class RuleChanges {
    private RuleChanges() {
    }

    public static OutboxEvent created(String space, ObjectNode rule) {
        return changed(EventTypes.RULE_CREATED, space, rule);
    }

    public static OutboxEvent updated(String space, ObjectNode rule) {
        return changed(EventTypes.RULE_UPDATED, space, rule);
    }

    /** A tombstone: the compacted topic forgets the rule. */
    public static OutboxEvent deleted(ObjectNode rule) {
        return new OutboxEvent(Topics.RULES, rule.get("id").asText(), EventTypes.RULE_DELETED,
                rule.get("rule_id").asText(), null);
    }

    private static OutboxEvent changed(String type, String space, ObjectNode rule) {
        return new OutboxEvent(Topics.RULES, rule.get("id").asText(), type, rule.get("rule_id").asText(),
                new RuleChange(space, rule));
    }
}
