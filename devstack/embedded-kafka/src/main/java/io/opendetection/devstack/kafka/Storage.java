package io.opendetection.devstack.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** KRaft storage must be formatted once; a formatted log dir is reused with the cluster id it holds. */
final class Storage {

    private Storage() {
    }

    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    static void format(Path logDir, String clusterId) throws Exception {
        new Formatter()
                .setPrintStream(System.out)
                .setNodeId(BrokerProperties.NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .run();
    }

    static String newClusterId() {
        return Uuid.randomUuid().toString();
    }
}
