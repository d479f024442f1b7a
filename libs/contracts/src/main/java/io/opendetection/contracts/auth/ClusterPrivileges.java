package io.opendetection.contracts.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's Elasticsearch cluster privileges as the gateway puts them in the token
 * ({@link CallerToken#CLUSTER_PRIVILEGES_CLAIM}): layers of privilege names, a privilege held only
 * when every layer holds it or one implying it. Services answer Kibana's privilege routes with it.
 */
public record ClusterPrivileges(List<List<String>> layers) {
    /** What a privilege brings besides itself (already closed over), as Elasticsearch documents its cluster privileges. */
    private static final Map<String, Set<String>> IMPLIED = Map.of(
            "manage", Set.of("monitor", "monitor_ml", "monitor_rollup", "monitor_transform", "monitor_watcher",
                    "manage_ccr", "read_ccr", "manage_ilm", "read_ilm", "manage_index_templates",
                    "manage_ingest_pipelines", "manage_pipeline", "manage_ml", "manage_rollup", "manage_transform",
                    "manage_watcher", "create_snapshot", "transport_client"),
            "manage_security", Set.of("manage_api_key", "manage_own_api_key", "manage_token", "manage_saml"),
            "manage_api_key", Set.of("manage_own_api_key"),
            "monitor", Set.of("monitor_ml", "monitor_rollup", "monitor_transform", "monitor_watcher"),
            "manage_ml", Set.of("monitor_ml"),
            "manage_transform", Set.of("monitor_transform"),
            "manage_rollup", Set.of("monitor_rollup"),
            "manage_watcher", Set.of("monitor_watcher"),
            "manage_ilm", Set.of("read_ilm"),
            "manage_ccr", Set.of("read_ccr"));

    public ClusterPrivileges {
        layers = layers.stream().map(List::copyOf).toList();
    }

    /** Held when every layer grants it; no layers grant nothing. */
    public boolean holds(String privilege) {
        return !layers.isEmpty() && layers.stream().allMatch(layer -> layer.stream()
                .anyMatch(held -> implies(held, privilege)));
    }

    static boolean implies(String held, String wanted) {
        if (held.equals("all") || held.equals(wanted)) {
            return true;
        }
        return IMPLIED.getOrDefault(held, Set.of()).contains(wanted);
    }
}
