package io.opendetection.rules.execution.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.rules.execution.state.RuleGaps;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * Internal (not routed by the gateway): the gaps of a rule of the caller's space with their
 * state, as Kibana's {@code /internal/alerting/rules/gaps/_find} lists them.
 */
@Path("/internal/rule-executions/{id}/gaps")
@Produces(MediaType.APPLICATION_JSON)
public class RuleExecutionResource {
    @Inject
    RuleGaps gaps;

    @Inject
    Caller caller;

    @GET
    public Uni<ObjectNode> gaps(@PathParam("id") String id) {
        return gaps.of(caller.space(), ruleId(id)).map(list -> {
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.put("total", list.size());
            answer.set("data", (ArrayNode) list);
            return answer;
        });
    }

    /** A non-UUID id names no rule: it has no gaps. */
    private static UUID ruleId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
