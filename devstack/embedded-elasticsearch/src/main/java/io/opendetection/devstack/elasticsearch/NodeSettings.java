package io.opendetection.devstack.elasticsearch;

import java.nio.file.Path;
import org.elasticsearch.common.settings.Settings;

/** A single node on 127.0.0.1 that keeps everything under one data directory. */
final class NodeSettings {

    static final String NODE_NAME = "node-1";

    private NodeSettings() {
    }

    static Path home(Path dataDir) {
        return dataDir.resolve("home");
    }

    static Settings of(Path dataDir, int httpPort, int transportPort, String clusterName) {
        return Settings.builder()
                .put("cluster.name", clusterName)
                .put("node.name", NODE_NAME)
                .put("path.home", home(dataDir).toString())
                .put("path.data", dataDir.resolve("data").toString())
                .put("path.logs", dataDir.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // a developer's nearly full disk must not turn indices read-only
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("xpack.security.enabled", false)
                .build();
    }
}
