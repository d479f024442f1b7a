package io.opendetection.alerts.index.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opendetection.alerts.index.service.AlertsIndex;

/** The body of {@code GET /api/detection_engine/index}. */
public record AlertsIndexResponse(String name, @JsonProperty("index_mapping_outdated") boolean indexMappingOutdated) {

    static AlertsIndexResponse of(AlertsIndex index) {
        return new AlertsIndexResponse(index.name(), index.mappingOutdated());
    }
}
