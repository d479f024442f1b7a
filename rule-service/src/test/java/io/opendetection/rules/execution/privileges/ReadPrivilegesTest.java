package io.opendetection.rules.execution.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadPrivilegesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode layers(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "*, logs-*, true",
            "*, anything, true",
            "*, '*', true",
            "logs-*, logs-*, true",
            "logs-*, logs-foo*, true",
            "logs-*, logs-foo-2026.11.30, true",
            "logs-*, logs-?, true",
            "logs-*, logs-, true",
            "logs-foo*, logs-*, false",
            "logs-foo*, logs-*-foo, false",
            "logs-*, logs*, false",
            "logs-*, metrics-*, false",
            "logs-*, '*', false",
            "logs-?, logs-a, true",
            "logs-?, logs-?, true",
            "logs-?, logs-*, false",
            "logs-?, logs-ab, false",
            "logs-*-prod, logs-web-prod, true",
            "logs-*-prod, logs-*-prod, true",
            "logs-*-prod, logs-*, false",
            "*-prod, logs-*-prod, true",
            "logs-a, logs-a, true",
            "logs-a, logs-b, false",
            "logs-a, logs-a*, false",
            "/logs-.*/, logs-a, false",
            "/logs-.*/, /logs-.*/, true"})
    void aNamePatternCoversAnIndexPatternOnlyWhenItMatchesEverythingTheLatterCan(String name, String pattern,
                                                                                 boolean covered) {
        assertEquals(covered, ReadPrivileges.covers(name, pattern));
    }

    @Test
    void everyLayerMustHaveAnEntryWithReadWhoseNamesCoverThePattern() {
        JsonNode user = layers("[[{\"names\":[\"metrics-*\",\"logs-*\"],\"privileges\":[\"read\"]}]]");
        assertTrue(ReadPrivileges.canRead(user, "logs-web"));
        assertFalse(ReadPrivileges.canRead(user, "auditbeat-*"));

        JsonNode narrowedKey = layers("[[{\"names\":[\"logs-*\"],\"privileges\":[\"read\"]}],"
                + "[{\"names\":[\"logs-endpoint-*\"],\"privileges\":[\"read\"]}]]");
        assertTrue(ReadPrivileges.canRead(narrowedKey, "logs-endpoint-events"));
        assertFalse(ReadPrivileges.canRead(narrowedKey, "logs-web"));
    }

    @Test
    void allImpliesReadAndOtherPrivilegesDoNot() {
        assertTrue(ReadPrivileges.canRead(layers("[[{\"names\":[\"*\"],\"privileges\":[\"all\"]}]]"), "logs-*"));
        assertFalse(ReadPrivileges.canRead(
                layers("[[{\"names\":[\"logs-*\"],\"privileges\":[\"write\",\"view_index_metadata\"]}]]"), "logs-a"));
        // one entry's names with another entry's privilege is no grant
        assertFalse(ReadPrivileges.canRead(layers("[[{\"names\":[\"logs-*\"],\"privileges\":[\"write\"]},"
                + "{\"names\":[\"metrics-*\"],\"privileges\":[\"read\"]}]]"), "logs-a"));
    }

    @Test
    void noLayersAllowNothing() {
        assertFalse(ReadPrivileges.canRead(layers("[]"), "logs-a"));
        assertFalse(ReadPrivileges.canRead(layers("[[]]"), "logs-a"));
        assertFalse(ReadPrivileges.canRead(null, "logs-a"));
        assertFalse(ReadPrivileges.canRead(layers("{}"), "logs-a"));
    }
}
