package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the scheduler reads a detection.rules.v1 record: whole for an enabled rule, its schedule only otherwise. */
class RuleRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "{\"id\":\"5e1b3b9e-8f0a-4c55-9d7e-2f0f7c1a0b11\",\"name\":\"a\","
            + "\"threat\":[{\"tactic\":{\"id\":\"TA0001\",\"enabled\":true}}],\"interval\":\"10m\",\"enabled\":%s,"
            + "\"query\":\"host.name: \\\"x\\\"\"}";

    /** A record as Kafka holds it: its UTF-8 bytes. */
    private static RuleRecord read(String value) throws java.io.IOException {
        return RuleRecord.read(JSON, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anEnabledRuleIsReadWhole() throws Exception {
        String rule = RULE.formatted("true");
        RuleRecord record = read("{\"space\":\"space-a\",\"rule\":" + rule + "}");
        assertEquals("space-a", record.space());
        assertEquals(JSON.readTree(rule), record.rule());
    }

    @Test
    void aDisabledRuleIsReadAsItsSchedule() throws Exception {
        RuleRecord record = read("{\"rule\":" + RULE.formatted("false") + ",\"space\":\"space-b\"}");
        assertEquals("space-b", record.space());
        assertEquals(JSON.readTree("{\"id\":\"5e1b3b9e-8f0a-4c55-9d7e-2f0f7c1a0b11\",\"interval\":\"10m\",\"enabled\":false}"),
                record.rule());
        assertFalse(record.rule().has("threat"));
    }

    @Test
    void aRecordWithoutSpaceIsInTheDefaultSpaceAndOneWithoutRuleIsNone() throws Exception {
        assertEquals("default", read("{\"rule\":" + RULE.formatted("false") + "}").space());
        assertNull(read("{\"space\":\"a\",\"rule\":[1]}"));
        assertNull(read("[]"));
    }
}
