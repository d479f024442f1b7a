package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.events.OutboxEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A created event built from the rule's already written JSON publishes what serialising the rule would. */
class RuleChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEventFromWrittenJsonIsTheEventFromTheRule() throws Exception {
        ObjectNode rule = JSON.createObjectNode().put("id", "5e1b3b9e-8f0a-4c55-9d7e-2f0f7c1a0b11").put("rule_id", "r-1")
                .put("name", "Quotes \" and \\ and ünïcode");
        rule.putArray("tags").add("Domain: Endpoint");
        OutboxEvent fromRule = RuleChanges.created("space-a", rule);
        OutboxEvent fromJson = RuleChanges.created("space-a", rule, JSON.writeValueAsString(rule));

        assertEquals(fromRule.key(), fromJson.key());
        assertEquals(fromRule.type(), fromJson.type());
        assertEquals(fromRule.subject(), fromJson.subject());
        assertEquals(JSON.writeValueAsString(fromRule.payload()), JSON.writeValueAsString(fromJson.payload()));
        assertEquals(JSON.readTree("{\"space\":\"space-a\",\"rule\":" + JSON.writeValueAsString(rule) + "}"),
                JSON.readTree(JSON.writeValueAsString(fromJson.payload())));
    }
}
