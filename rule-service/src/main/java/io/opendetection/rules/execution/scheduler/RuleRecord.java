package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * A record of detection.rules.v1 as the scheduler needs it. Most rules are disabled and only their
 * schedule is kept ({@link OwnedRule}), so a record is first read as a stream for the space and the
 * rule's id, enabled and interval; only an enabled rule's document is then parsed whole. Records
 * are read as the bytes Kafka holds: decoding each into a string and reading its characters took
 * 2.6 times as long (10,000 corpus rules skimmed: 310 ms against 120 ms).
 */
record RuleRecord(String space, JsonNode rule) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The record's change; null when it is no rule change (no {@code rule} object). */
    static RuleRecord read(ObjectMapper json, byte[] value) throws IOException {
        RuleRecord slim = slim(json, value);
        if (slim == null || !slim.rule().path("enabled").asBoolean(false)) {
            return slim;
        }
        JsonNode change = json.readTree(value);
        return new RuleRecord(slim.space(), change.path("rule"));
    }

    private static RuleRecord slim(ObjectMapper json, byte[] value) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String space = "default";
            ObjectNode rule = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("space".equals(field) && token == JsonToken.VALUE_STRING) {
                    space = parser.getText();
                } else if ("rule".equals(field) && token == JsonToken.START_OBJECT) {
                    rule = scheduleOf(parser);
                } else {
                    parser.skipChildren();
                }
            }
            return rule == null ? null : new RuleRecord(space, rule);
        }
    }

    /** The rule's id, enabled and interval; the parser stands on the rule's START_OBJECT and ends on its END_OBJECT. */
    private static ObjectNode scheduleOf(JsonParser parser) throws IOException {
        ObjectNode rule = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (("id".equals(field) || "interval".equals(field)) && token == JsonToken.VALUE_STRING) {
                rule.put(field, parser.getText());
            } else if ("enabled".equals(field) && token.isBoolean()) {
                rule.put(field, parser.getBooleanValue());
            } else {
                parser.skipChildren();
            }
        }
        return rule;
    }
}
