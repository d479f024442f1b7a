package io.opendetection.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.deploy.kustomize.Kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The objects one kustomization of deploy/ renders to, with the look-ups the checks need. */
record Rendering(String name, List<ObjectNode> objects) {
    /** What a user applies: every overlay of deploy/overlays. */
    static final List<String> OVERLAYS = overlays();

    private static final Map<String, Rendering> CACHE = new ConcurrentHashMap<>();

    private static List<String> overlays() {
        try (var dirs = Files.list(Repository.DEPLOY.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(dir -> "overlays/" + dir.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendering of(String kustomization) {
        return CACHE.computeIfAbsent(kustomization,
                dir -> new Rendering(dir, List.copyOf(Kustomize.build(Repository.DEPLOY.resolve(dir)))));
    }

    List<ObjectNode> all(String kind) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return all(kind).stream().filter(object -> name(object).equals(name)).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(this.name + " has no " + kind + " " + name));
    }

    /** The pod templates of the workloads: Deployments and Jobs. */
    List<ObjectNode> workloads() {
        return objects.stream().filter(object -> List.of("Deployment", "Job").contains(object.path("kind").asText())).toList();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static Map<String, String> labels(JsonNode node) {
        return map(node.path("labels"));
    }

    /** A map of strings, such as labels or a selector's matchLabels. */
    static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    static Map<String, String> templateLabels(JsonNode workload) {
        return labels(workload.path("spec").path("template").path("metadata"));
    }

    /** A ConfigMap's value, or empty when the map or the key is missing. */
    Optional<String> configValue(String configMap, String key) {
        return find("ConfigMap", configMap).map(map -> map.path("data").path(key)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /**
     * Every environment variable a container gets and where from: {@code env} entries and every
     * key of the ConfigMaps and Secrets of {@code envFrom} (a variable given twice is an error).
     */
    Map<String, EnvValue> environment(JsonNode container) {
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String map = source.path("configMapRef").path("name").asText();
                get("ConfigMap", map).path("data").fields().forEachRemaining(entry ->
                        put(environment, entry.getKey(), new EnvValue(entry.getValue().asText(), "ConfigMap " + map)));
            } else {
                throw new AssertionError(name + ": envFrom " + source + " (only ConfigMaps are expected there; credentials come by secretKeyRef)");
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                put(environment, name, new EnvValue(variable.path("value").asText(), "literal"));
            } else {
                JsonNode from = variable.path("valueFrom");
                if (from.has("secretKeyRef")) {
                    put(environment, name, new EnvValue(null, "Secret " + from.path("secretKeyRef").path("name").asText()
                            + " key " + from.path("secretKeyRef").path("key").asText()));
                } else if (from.has("configMapKeyRef")) {
                    JsonNode ref = from.path("configMapKeyRef");
                    put(environment, name, new EnvValue(configValue(ref.path("name").asText(), ref.path("key").asText()).orElse(null),
                            "ConfigMap " + ref.path("name").asText()));
                } else {
                    put(environment, name, new EnvValue(null, from.toString()));
                }
            }
        }
        return environment;
    }

    private void put(Map<String, EnvValue> environment, String variable, EnvValue value) {
        EnvValue previous = environment.put(variable, value);
        if (previous != null) {
            throw new AssertionError(name + ": " + variable + " is given twice (" + previous.source() + ", " + value.source() + ")");
        }
    }

    /** A variable's value where the manifests hold it (null for a Secret's), and where it comes from. */
    record EnvValue(String value, String source) {
    }

    @Override
    public String toString() {
        return name;
    }
}
