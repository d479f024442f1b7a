package io.opendetection.rules.rule.persistence;

import java.util.UUID;

/**
 * A stored rule as UTF-8 JSON, unparsed: for answers that return documents as they are stored
 * (a {@code _find} page), where parsing each one only to write it out again was most of the work.
 */
public record RuleDocument(UUID id, byte[] json) {
}
