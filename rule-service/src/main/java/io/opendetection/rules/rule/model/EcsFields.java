package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Elastic Common Schema's fields and their types (resource {@code ecs/ecs-fields.tsv}, made by
 * {@code rule-service/tools/ecs-fields.sh}), for Kibana's {@code required_fields[].ecs}: true when
 * the field is an ECS field of exactly its ECS type.
 */
public final class EcsFields {
    private static final Map<String, String> TYPES = load("/ecs/ecs-fields.tsv");

    private EcsFields() {
    }

    /** Whether {@code name} is an ECS field whose ECS type is {@code type}. */
    public static boolean isEcs(String name, String type) {
        return type != null && type.equals(TYPES.get(name));
    }

    /** The rule's required fields as Kibana stores them: name, type and the computed {@code ecs}; other keys dropped. */
    public static ArrayNode withEcs(JsonNode requiredFields) {
        ArrayNode fields = JsonNodeFactory.instance.arrayNode();
        if (requiredFields == null) {
            return fields;
        }
        for (JsonNode field : requiredFields) {
            String name = field.path("name").asText();
            String type = field.path("type").asText();
            fields.addObject().put("name", name).put("type", type).put("ecs", isEcs(name, type));
        }
        return fields;
    }

    private static Map<String, String> load(String resource) {
        Map<String, String> types = new HashMap<>();
        try (InputStream in = EcsFields.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // provenance comment
            reader.readLine(); // column names
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    types.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(types);
    }
}
