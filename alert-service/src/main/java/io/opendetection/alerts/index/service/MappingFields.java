package io.opendetection.alerts.index.service;

import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.PropertyBase;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a mapping as the dotted paths queries name them, whether the mapping was written
 * with dotted names or with nested objects (Elasticsearch always answers with the latter).
 */
final class MappingFields {
    private MappingFields() {
    }

    static Set<String> of(Map<String, Property> properties) {
        Set<String> fields = new TreeSet<>();
        collect("", properties, fields);
        return fields;
    }

    private static void collect(String prefix, Map<String, Property> properties, Set<String> fields) {
        properties.forEach((name, property) -> {
            String path = prefix + name;
            if (!(property._get() instanceof PropertyBase field)) {
                fields.add(path);
                return;
            }
            if (field.properties().isEmpty()) {
                fields.add(path);
            } else {
                collect(path + ".", field.properties(), fields);
            }
            collect(path + ".", field.fields(), fields);
        });
    }
}
