package io.opendetection.rules.rule.persistence;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * A rule as an export writes it: its stored document, unparsed (parsing and re-writing every
 * document was most of an export's time), with the two small parts of it the export's summary
 * follows, {@code exceptions_list} and {@code actions} (empty arrays when absent).
 */
public record ExportedRule(UUID id, String ruleId, byte[] document, JsonNode exceptionsList, JsonNode actions) {
}
