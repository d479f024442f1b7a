package io.opendetection.rules.execution;

import io.opendetection.rules.execution.query.QueryRuleExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** The executor of each rule type this engine runs. */
@ApplicationScoped
public class RuleTypeExecutors {
    @Inject
    QueryRuleExecutor query;

    public Optional<RuleTypeExecutor> of(String type) {
        return switch (type) {
            case "query", "saved_query" -> Optional.of(query);
            default -> Optional.empty();
        };
    }
}
