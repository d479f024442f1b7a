package io.opendetection.rules.privileges.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /api/detection_engine/privileges}, in Kibana's shape. Until roles carry fine-grained
 * privileges every authenticated caller may do everything, so every privilege is answered as held,
 * for the caller the token names, on the space's alerts index.
 */
@Path("/api/detection_engine/privileges")
@Produces(MediaType.APPLICATION_JSON)
public class PrivilegesResource {
    private static final List<String> CLUSTER = List.of("all", "create_snapshot", "manage", "manage_api_key",
            "manage_ccr", "manage_transform", "manage_ilm", "manage_index_templates", "manage_ingest_pipelines",
            "manage_ml", "manage_own_api_key", "manage_pipeline", "manage_rollup", "manage_saml", "manage_security",
            "manage_token", "manage_watcher", "monitor", "monitor_ml", "monitor_rollup", "monitor_transform",
            "monitor_watcher", "read_ccr", "read_ilm", "transport_client");
    private static final List<String> INDEX = List.of("all", "create", "create_doc", "create_index", "delete",
            "delete_index", "index", "maintenance", "manage", "manage_follow_index", "manage_ilm",
            "manage_leader_index", "monitor", "read", "read_cross_cluster", "view_index_metadata", "write");

    @Inject
    Caller caller;

    @GET
    public ObjectNode privileges() {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("username", caller.user());
        answer.put("has_all_requested", true);
        ObjectNode cluster = answer.putObject("cluster");
        CLUSTER.forEach(privilege -> cluster.put(privilege, true));
        ObjectNode index = answer.putObject("index").putObject(".alerts-security.alerts-" + caller.space());
        INDEX.forEach(privilege -> index.put(privilege, true));
        answer.putObject("application");
        answer.put("is_authenticated", true);
        answer.put("has_encryption_key", true);
        return answer;
    }
}
