package io.opendetection.rules.rule.persistence;

import io.opendetection.common.errors.ApiException;

import java.util.List;
import java.util.UUID;

/**
 * How a request names a rule: by its internal {@code id} or by its human {@code rule_id}, as the
 * rules API's {@code ?id=}/{@code ?rule_id=} parameters do. {@code id} wins when both are given.
 */
public record RuleIdentifier(UUID id, String rawId, String ruleId) {

    public static RuleIdentifier of(String id, String ruleId) {
        if (id != null && !id.isEmpty()) {
            return new RuleIdentifier(RuleRepository.parseId(id), id, null);
        }
        if (ruleId != null && !ruleId.isEmpty()) {
            return new RuleIdentifier(null, null, ruleId);
        }
        throw ApiException.siem(400, List.of("either \"id\" or \"rule_id\" must be set"));
    }

    public ApiException notFound() {
        return ApiException.notFound(id != null ? "id: \"" + rawId + "\" not found" : "rule_id: \"" + ruleId + "\" not found");
    }
}
