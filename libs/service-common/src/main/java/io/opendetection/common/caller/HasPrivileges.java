package io.opendetection.common.caller;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.auth.ClusterPrivileges;

import java.util.List;
import java.util.Set;

/**
 * Kibana's privilege routes ({@code GET /api/detection_engine/privileges}, {@code GET /api/lists/privileges})
 * answer with Elasticsearch's has_privileges response for the caller: the cluster privileges Kibana
 * asks about and the index privileges on the area's index. Cluster privileges come from the caller's
 * roles. The index privileges are those the service lets the caller exercise on that index, which
 * is what the area's feature privilege decides here: {@code all} every one, {@code read} the reading
 * ones, {@code none} nothing.
 */
public final class HasPrivileges {
    private static final List<String> CLUSTER = List.of("all", "create_snapshot", "manage", "manage_api_key",
            "manage_ccr", "manage_transform", "manage_ilm", "manage_index_templates", "manage_ingest_pipelines",
            "manage_ml", "manage_own_api_key", "manage_pipeline", "manage_rollup", "manage_saml", "manage_security",
            "manage_token", "manage_watcher", "monitor", "monitor_ml", "monitor_rollup", "monitor_transform",
            "monitor_watcher", "read_ccr", "read_ilm", "transport_client");
    private static final List<String> INDEX = List.of("all", "create", "create_doc", "create_index", "delete",
            "delete_index", "index", "maintenance", "manage", "manage_follow_index", "manage_ilm",
            "manage_leader_index", "monitor", "read", "read_cross_cluster", "view_index_metadata", "write");
    private static final Set<String> READING = Set.of("read", "read_cross_cluster", "view_index_metadata", "monitor");

    private HasPrivileges() {
    }

    /** The answer for the caller on {@code index}, whose privileges follow the caller's privilege in {@code area}. */
    public static ObjectNode of(Caller caller, String area, String index) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("username", caller.user());
        ClusterPrivileges held = caller.clusterPrivileges();
        ObjectNode cluster = JsonNodeFactory.instance.objectNode();
        CLUSTER.forEach(privilege -> cluster.put(privilege, held.holds(privilege)));
        String level = caller.featurePrivilege(area);
        ObjectNode onIndex = JsonNodeFactory.instance.objectNode();
        INDEX.forEach(privilege -> onIndex.put(privilege,
                level.equals("all") || level.equals("read") && READING.contains(privilege)));
        boolean all = allTrue(cluster) && allTrue(onIndex);
        answer.put("has_all_requested", all);
        answer.set("cluster", cluster);
        answer.putObject("index").set(index, onIndex);
        answer.putObject("application");
        return answer;
    }

    private static boolean allTrue(ObjectNode privileges) {
        for (var value : privileges) {
            if (!value.asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
