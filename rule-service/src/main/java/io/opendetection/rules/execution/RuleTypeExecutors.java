package io.opendetection.rules.execution;

import io.opendetection.rules.execution.eql.EqlRuleExecutor;
import io.opendetection.rules.execution.esql.EsqlRuleExecutor;
import io.opendetection.rules.execution.ml.MachineLearningRuleExecutor;
import io.opendetection.rules.execution.newterms.NewTermsRuleExecutor;
import io.opendetection.rules.execution.query.QueryRuleExecutor;
import io.opendetection.rules.execution.threatmatch.ThreatMatchRuleExecutor;
import io.opendetection.rules.execution.threshold.ThresholdRuleExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** The executor of each rule type this engine runs. */
@ApplicationScoped
public class RuleTypeExecutors {
    @Inject
    QueryRuleExecutor query;

    @Inject
    ThresholdRuleExecutor threshold;

    @Inject
    NewTermsRuleExecutor newTerms;

    @Inject
    MachineLearningRuleExecutor machineLearning;

    @Inject
    EsqlRuleExecutor esql;

    @Inject
    EqlRuleExecutor eql;

    @Inject
    ThreatMatchRuleExecutor threatMatch;

    public Optional<RuleTypeExecutor> of(String type) {
        return switch (type) {
            case "query", "saved_query" -> Optional.of(query);
            case "threshold" -> Optional.of(threshold);
            case "new_terms" -> Optional.of(newTerms);
            case "machine_learning" -> Optional.of(machineLearning);
            case "esql" -> Optional.of(esql);
            case "eql" -> Optional.of(eql);
            case "threat_match" -> Optional.of(threatMatch);
            default -> Optional.empty();
        };
    }
}
