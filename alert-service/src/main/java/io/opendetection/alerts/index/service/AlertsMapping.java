package io.opendetection.alerts.index.service;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The mapping every alerts index must have, read once from {@value #RESOURCE}. */
@Singleton
public class AlertsMapping {
    static final String RESOURCE = "alerts/alerts-mappings.json";

    private final TypeMapping mapping;
    private final Set<String> fields;

    AlertsMapping() {
        try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            mapping = TypeMapping.of(builder -> builder.withJson(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fields = MappingFields.of(mapping.properties());
    }

    public TypeMapping mapping() {
        return mapping;
    }

    /** Whether {@code existing} lacks any of our fields (types are not compared: a mapping cannot change them). */
    public boolean isOutdated(TypeMapping existing) {
        return !MappingFields.of(existing.properties()).containsAll(fields);
    }
}
