package io.opendetection.lists.list.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opendetection.common.caller.Caller;
import io.opendetection.lists.index.service.DataStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the caller may do with the space's lists and items, in the shape of Elasticsearch's
 * has_privileges answer that Kibana returns. Every authenticated caller may do everything with
 * value lists here, so every privilege asked about is held.
 */
@ApplicationScoped
public class ListPrivileges {
    // the privileges Kibana asks Elasticsearch about
    private static final List<String> CLUSTER = List.of("all", "create_snapshot", "manage", "manage_api_key",
            "manage_ccr", "manage_transform", "manage_ilm", "manage_index_templates", "manage_ingest_pipelines",
            "manage_ml", "manage_own_api_key", "manage_pipeline", "manage_rollup", "manage_saml", "manage_security",
            "manage_token", "manage_watcher", "monitor", "monitor_transform", "monitor_ml", "monitor_rollup",
            "monitor_watcher", "read_ccr", "read_ilm", "transport_client");
    private static final List<String> INDEX = List.of("all", "create", "create_doc", "create_index", "delete",
            "delete_index", "index", "maintenance", "manage", "manage_follow_index", "manage_ilm",
            "manage_leader_index", "monitor", "read", "read_cross_cluster", "view_index_metadata", "write");

    @Inject
    Caller caller;

    public Answer ofCaller() {
        String space = caller.space();
        return new Answer(true, of(DataStreams.items(space)), of(DataStreams.lists(space)));
    }

    private Privileges of(String index) {
        return new Privileges(caller.user(), true, granted(CLUSTER), Map.of(index, granted(INDEX)), Map.of());
    }

    private static Map<String, Boolean> granted(List<String> privileges) {
        Map<String, Boolean> granted = new LinkedHashMap<>();
        privileges.forEach(privilege -> granted.put(privilege, true));
        return granted;
    }

    public record Answer(@JsonProperty("is_authenticated") boolean isAuthenticated,
                         @JsonProperty("listItems") Privileges listItems, Privileges lists) {
    }

    public record Privileges(String username, @JsonProperty("has_all_requested") boolean hasAllRequested,
                             Map<String, Boolean> cluster, Map<String, Map<String, Boolean>> index,
                             Map<String, Object> application) {
    }
}
