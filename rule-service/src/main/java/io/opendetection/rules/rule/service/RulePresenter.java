package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.state.ExecutionSummaries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The one place a stored rule becomes the rule a route answers with (read, write, _find, bulk
 * results, export): what is known only at answer time, such as the last execution's summary,
 * joins the stored document here.
 */
@ApplicationScoped
public class RulePresenter {

    @Inject
    ExecutionSummaries executionSummaries;

    public Uni<List<ObjectNode>> present(String space, List<ObjectNode> rules) {
        return rules.isEmpty() ? Uni.createFrom().item(rules) : executionSummaries.attach(rules);
    }

    /** A rule just created has never run: there is no execution summary to look up. */
    public ObjectNode presentCreated(ObjectNode rule) {
        return rule;
    }

    public Uni<ObjectNode> present(String space, ObjectNode rule) {
        return present(space, List.of(rule)).map(rules -> rules.get(0));
    }
}
