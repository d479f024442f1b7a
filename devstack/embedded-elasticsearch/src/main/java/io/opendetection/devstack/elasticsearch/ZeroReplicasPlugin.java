package io.opendetection.devstack.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettingProvider;
import org.elasticsearch.plugins.Plugin;

/**
 * One node can never hold a replica, so the default of one would leave every new index yellow. Index
 * settings are not allowed in node settings; this provider supplies {@code number_of_replicas: 0} to every
 * index whose template and create request leave it unset.
 */
public class ZeroReplicasPlugin extends Plugin {

    private static final Settings ZERO_REPLICAS =
            Settings.builder().put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0).build();

    @Override
    public Collection<IndexSettingProvider> getAdditionalIndexSettingProviders(
            IndexSettingProvider.Parameters parameters) {
        return List.of((indexName, dataStreamName, indexMode, metadata, resolvedAt, templateAndRequestSettings,
                mappings) -> templateAndRequestSettings.hasValue(IndexMetadata.SETTING_NUMBER_OF_REPLICAS)
                        ? Settings.EMPTY
                        : ZERO_REPLICAS);
    }
}
