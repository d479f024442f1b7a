package io.opendetection.rules.rule.persistence;

import java.util.UUID;

/**
 * A rule as an export writes it: its stored document, unparsed (parsing and re-writing every
 * document was most of an export's time), with its {@code exceptions_list} and {@code actions}
 * as JSON text (null when absent), which the export's summary follows.
 */
public record ExportedRule(UUID id, String ruleId, byte[] document, String exceptionsList, String actions) {
}
