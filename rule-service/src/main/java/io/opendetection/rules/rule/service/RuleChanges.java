package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
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

    /**
     * The created event of a rule whose JSON is already written ({@code json}): the payload carries
     * that text as it is rather than serialising the rule a second time.
     */
    public static OutboxEvent created(String space, ObjectNode rule, String json) {
        return new OutboxEvent(Topics.RULES, rule.get("id").asText(), EventTypes.RULE_CREATED,
                rule.get("rule_id").asText(), new RuleChange(space, JsonNodeFactory.instance.rawValueNode(new RawValue(json))));
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
