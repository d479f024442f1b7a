package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a rule's alert_suppression is read, and what it allows an execution to gather. */
class SuppressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode rule(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void groupByDurationAndMissingFieldsStrategy() throws Exception {
        Suppression perExecution = Suppression.of(rule("{\"type\":\"query\",\"alert_suppression\":"
                + "{\"group_by\":[\"host.name\",\"user.name\"]}}")).orElseThrow();
        assertEquals(List.of("host.name", "user.name"), perExecution.groupBy());
        assertTrue(perExecution.perExecution());
        assertTrue(perExecution.suppressMissing(), "suppress is Kibana's default");

        Suppression window = Suppression.of(rule("{\"type\":\"new_terms\",\"alert_suppression\":{\"group_by\":"
                + "[\"host.name\"],\"duration\":{\"value\":30,\"unit\":\"m\"},\"missing_fields_strategy\":\"doNotSuppress\"}}"))
                .orElseThrow();
        assertEquals(Duration.ofMinutes(30), window.duration());
        assertFalse(window.suppressMissing());

        assertEquals(Optional.empty(), Suppression.of(rule("{\"type\":\"query\"}")));
        assertEquals(Optional.empty(), Suppression.of(rule("{\"type\":\"query\",\"alert_suppression\":null}")));
    }

    @Test
    void thresholdRulesSuppressOnlyInTheTimeWindowFormByTheirThresholdFields() throws Exception {
        Suppression threshold = Suppression.of(rule("{\"type\":\"threshold\",\"threshold\":{\"field\":[\"host.name\"],"
                + "\"value\":3},\"alert_suppression\":{\"duration\":{\"value\":2,\"unit\":\"h\"}}}")).orElseThrow();
        assertEquals(List.of("host.name"), threshold.groupBy());
        assertEquals(Duration.ofHours(2), threshold.duration());
        assertEquals(Optional.empty(), Suppression.of(rule("{\"type\":\"threshold\",\"threshold\":{\"field\":"
                + "[\"host.name\"]},\"alert_suppression\":{\"group_by\":[\"user.name\"]}}")));
    }

    @Test
    void suppressedAndCreatedMayReachFiveTimesMaxSignalsExceptForEsqlAndThreshold() throws Exception {
        String suppression = ",\"alert_suppression\":{\"group_by\":[\"host.name\"],\"duration\":{\"value\":1,\"unit\":\"h\"}}";
        assertEquals(500, Suppression.candidates(rule("{\"type\":\"query\"" + suppression + "}"), 100));
        assertEquals(100, Suppression.candidates(rule("{\"type\":\"esql\"" + suppression + "}"), 100));
        assertEquals(100, Suppression.candidates(rule("{\"type\":\"threshold\"" + suppression + "}"), 100));
        assertEquals(100, Suppression.candidates(rule("{\"type\":\"query\"}"), 100));
    }

    @Test
    void aGroupStaysOpenForTheWindowOrPerExecutionForTheLookBack() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        JsonNode rule = rule("{\"type\":\"query\",\"from\":\"now-6m\",\"to\":\"now\",\"alert_suppression\":"
                + "{\"group_by\":[\"host.name\"]}}");
        assertEquals(now.plus(Duration.ofMinutes(6)), Suppression.of(rule).orElseThrow().openUntil(rule, now, now));
        Suppression window = new Suppression(List.of("host.name"), Duration.ofMinutes(45), true);
        assertEquals(now.plus(Duration.ofMinutes(45)), window.openUntil(rule, now, now));
        assertNull(Suppression.of(rule).orElseThrow().duration());
    }
}
