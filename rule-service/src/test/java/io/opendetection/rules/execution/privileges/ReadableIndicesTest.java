package io.opendetection.rules.execution.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.opendetection.rules.execution.privileges.ReadPrivilegesTest.layers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadableIndicesTest {
    private static final JsonNode LOGS_READER = layers("[[{\"names\":[\"logs-*\"],\"privileges\":[\"read\"]}]]");

    private static JsonNode rule(String json) {
        return layers(json);
    }

    @Test
    void unreadablePatternsAreLeftOutAndNamedWithTheEditor() {
        ReadableIndices readable = ReadableIndices.check(rule("{\"type\":\"query\"}"),
                List.of("logs-web-*", "secrets-*", "-logs-web-debug", "audit"), List.of(), LOGS_READER);
        assertEquals(List.of("logs-web-*", "-logs-web-debug"), readable.indices());
        assertEquals(List.of("secrets-*", "audit"), readable.unreadable());
        assertTrue(readable.searchable());
        assertEquals(Optional.of("This rule may not have the required read privileges to the following index"
                        + " patterns: [\"secrets-*\",\"audit\"] (it runs with the privileges of \"ann\", who last edited it)"),
                readable.warning("ann"));
    }

    @Test
    void aRuleWithNothingReadableSearchesNothing() {
        ReadableIndices readable = ReadableIndices.check(rule("{\"type\":\"threshold\"}"),
                List.of("secrets-*", "-secrets-old"), List.of(), LOGS_READER);
        assertFalse(readable.searchable());
        assertEquals(List.of("secrets-*"), readable.unreadable());
    }

    @Test
    void everythingReadableIsNoWarning() {
        ReadableIndices readable = ReadableIndices.check(rule("{\"type\":\"new_terms\"}"),
                List.of("logs-a", "logs-b*"), List.of(), LOGS_READER);
        assertTrue(readable.searchable());
        assertEquals(List.of("logs-a", "logs-b*"), readable.indices());
        assertEquals(Optional.empty(), readable.warning("ann"));
    }

    @Test
    void aThreatMatchRuleNeedsReadableEventsAndReadableIndicators() {
        JsonNode threat = rule("{\"type\":\"threat_match\"}");
        ReadableIndices partly = ReadableIndices.check(threat, List.of("logs-*"), List.of("logs-ti", "ti-*"),
                LOGS_READER);
        assertTrue(partly.searchable());
        assertEquals(List.of("logs-ti"), partly.threatIndices());
        assertEquals(List.of("ti-*"), partly.unreadable());

        ReadableIndices noIndicators = ReadableIndices.check(threat, List.of("logs-*"), List.of("ti-*"), LOGS_READER);
        assertFalse(noIndicators.searchable());
        assertEquals(List.of("ti-*"), noIndicators.unreadable());
    }

    @Test
    void anEsqlQueryIsCheckedByItsSourcesAndStopsWholeWhenOneIsUnreadable() {
        ReadableIndices readable = ReadableIndices.check(
                rule("{\"type\":\"esql\",\"query\":\"FROM logs-*, secrets METADATA _id | WHERE user.name == \\\"root\\\"\"}"),
                List.of(), List.of(), LOGS_READER);
        assertFalse(readable.searchable());
        assertEquals(List.of("secrets"), readable.unreadable());

        assertTrue(ReadableIndices.check(rule("{\"type\":\"esql\",\"query\":\"from logs-a | limit 5\"}"),
                List.of(), List.of(), LOGS_READER).searchable());
    }

    @Test
    void machineLearningRulesReadNoIndexOfTheirs() {
        ReadableIndices readable = ReadableIndices.check(rule("{\"type\":\"machine_learning\"}"),
                List.of("secrets-*"), List.of(), layers("[]"));
        assertTrue(readable.searchable());
        assertTrue(readable.unreadable().isEmpty());
    }

    @Test
    void esqlSourcesAreTheFromPatternsAndLookupJoins() {
        assertEquals(List.of("logs-*", "metrics-a"),
                EsqlSources.of("FROM logs-*, \"metrics-a\" METADATA _id, _index | WHERE x > 1"));
        assertEquals(List.of("logs-*", "hosts-lookup"),
                EsqlSources.of("// a comment\nfrom logs-* /* in */ | LOOKUP JOIN hosts-lookup ON host.name | limit 3"));
        assertEquals(List.of("metrics-tsdb"), EsqlSources.of("TS metrics-tsdb | STATS max(cpu)"));
        assertEquals(List.of("-logs-debug", "logs-*"), EsqlSources.of("FROM -logs-debug,logs-*"));
        assertEquals(List.of(), EsqlSources.of("ROW a = 1"));
        assertEquals(List.of(), EsqlSources.of(null));
    }
}
