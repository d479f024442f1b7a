package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.state.ExecutionSummaries;
import io.opendetection.rules.rule.persistence.RuleDocument;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Stored documents as a route answers them, still unparsed: a rule that ran gets its summary
     * spliced in before the document's closing brace (stored rules never hold one themselves).
     */
    public Uni<List<byte[]>> presentDocuments(List<RuleDocument> rules) {
        if (rules.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return executionSummaries.of(rules.stream().map(RuleDocument::id).toList()).map(summaries -> {
            List<byte[]> presented = new ArrayList<>(rules.size());
            for (RuleDocument rule : rules) {
                String summary = summaries.get(rule.id());
                presented.add(summary == null ? rule.json() : withSummary(rule.json(), summary));
            }
            return presented;
        });
    }

    private static byte[] withSummary(byte[] document, String summary) {
        int end = document.length - 1;
        if (end < 1 || document[end] != '}') {
            throw new IllegalStateException("A stored rule is not a JSON object");
        }
        byte[] member = ((end > 1 ? "," : "") + "\"execution_summary\":" + summary + "}").getBytes(StandardCharsets.UTF_8);
        byte[] presented = Arrays.copyOf(document, end + member.length);
        System.arraycopy(member, 0, presented, end, member.length);
        return presented;
    }

    /** A rule just created has never run: there is no execution summary to look up. */
    public ObjectNode presentCreated(ObjectNode rule) {
        return rule;
    }

    public Uni<ObjectNode> present(String space, ObjectNode rule) {
        return present(space, List.of(rule)).map(rules -> rules.get(0));
    }
}
