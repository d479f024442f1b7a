package io.opendetection.alerts.index.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * At start, adds the fields this release's alerts mapping has to the alerts indices that lack
 * them (put mapping on the concrete indices behind each space's alias), so alerts written from
 * now on are searchable on every field. Never blocks or fails the start: when Elasticsearch is
 * not there yet, {@code POST /api/detection_engine/index} and the ingest do the same later.
 */
@ApplicationScoped
public class MappingUpgrade {
    private static final Logger LOG = Logger.getLogger(MappingUpgrade.class);

    @Inject
    AlertsIndexService indices;

    void onStart(@Observes StartupEvent event) {
        indices.addMissingFieldsEverywhere(AlertsIndexService.SERVICE_USER).subscribe().with(
                spaces -> {
                    if (!spaces.isEmpty()) {
                        LOG.infof("Added the new alert fields to the alerts indices of spaces %s", spaces);
                    }
                },
                failure -> LOG.warnf("Could not bring the alerts indices' mappings up to date: %s", failure.getMessage()));
    }
}
