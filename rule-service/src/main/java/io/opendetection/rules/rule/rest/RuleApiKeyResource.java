package io.opendetection.rules.rule.rest;

import io.opendetection.rules.rule.service.RuleService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Kibana's alerting route {@code POST /api/alerting/rule/{id}/_update_api_key} (204): the rule
 * runs from now on with the caller's privileges, as a new API key would in Kibana.
 */
@Path("/api/alerting/rule/{id}/_update_api_key")
public class RuleApiKeyResource {
    @Inject
    RuleService rules;

    @POST
    public Uni<Void> updateApiKey(@PathParam("id") String id) {
        return rules.updateApiKey(id);
    }
}
