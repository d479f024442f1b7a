package io.opendetection.rules.rule.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * A rule's default exception list (type {@code rule_default}) belongs to that rule alone: a rule
 * may not take one another rule of the space already references.
 */
@ApplicationScoped
public class DefaultExceptionLists {
    @Inject
    RuleRepository rules;

    public static JsonNode defaultList(JsonNode rule) {
        for (JsonNode list : rule.path("exceptions_list")) {
            if ("rule_default".equals(list.path("type").asText())) {
                return list;
            }
        }
        return null;
    }

    /**
     * Fails with Kibana's 409 when another rule holds the rule's default list; {@code updatedAs}
     * is how an update named the rule (null for a new rule), which Kibana's message repeats.
     */
    public Uni<Void> check(SqlClient client, String space, ObjectNode rule, String updatedAs) {
        JsonNode list = defaultList(rule);
        if (list == null) {
            return Uni.createFrom().voidItem();
        }
        return rules.referencingList(client, space, list.path("list_id").asText(), UUID.fromString(rule.get("id").asText()))
                .invoke(holders -> {
                    if (!holders.isEmpty()) {
                        String owners = String.join(", ", holders);
                        throw ApiException.conflict(updatedAs == null
                                ? "default exception list already exists in rule(s): " + owners
                                : "default exception list for rule: " + updatedAs + " already exists in rule(s): " + owners);
                    }
                })
                .replaceWithVoid();
    }
}
