package io.opendetection.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code kustomize build} for exactly the features deploy/ uses: {@code resources} (files and
 * kustomization directories), {@code namespace}, {@code patches} (strategic merge, by path),
 * {@code replicas}. Anything else in a kustomization is refused rather than ignored, so a
 * manifest can never rely on a feature this renderer would silently skip. Where kubectl is
 * installed, the tests compare its rendering with this one.
 */
public final class Kustomize {
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "patches", "replicas");
    private static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** Kinds without a namespace among those kustomize knows; every other kind gets one. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService");
    /** Kinds whose spec.replicas the replicas field may set. */
    private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController");

    static final ObjectMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** The objects {@code kustomize build dir} would print, in no particular order. */
    public static List<ObjectNode> build(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        Path file = FILE_NAMES.stream().map(root::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new KustomizeException("no kustomization file in " + root));
        JsonNode kustomization = readDocuments(file).stream().findFirst()
                .orElseThrow(() -> new KustomizeException(file + " is empty"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new KustomizeException(file + ": the field '" + field + "' is not supported by this renderer");
            }
        });

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = inside(root, entry.asText(), true);
            if (Files.isDirectory(resource)) {
                objects.addAll(build(resource));
            } else {
                objects.addAll(objectsOf(resource));
            }
        }
        requireUniqueIds(objects, file);

        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, root, patch, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                ObjectNode metadata = (ObjectNode) object.get("metadata");
                String kind = object.path("kind").asText();
                if (kind.equals("Namespace")) {
                    // as kustomize does: a Namespace object becomes the kustomization's namespace
                    metadata.put("name", namespace);
                } else if (!CLUSTER_SCOPED.contains(kind)) {
                    metadata.put("namespace", namespace);
                }
            }
            requireUniqueIds(objects, file);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            setReplicas(objects, replicas, file);
        }
        return objects;
    }

    private static void applyPatch(List<ObjectNode> objects, Path root, JsonNode entry, Path file) {
        Iterator<String> fields = entry.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("path")) {
                throw new KustomizeException(file + ": patches." + field + " is not supported by this renderer (only path)");
            }
        }
        Path patchFile = inside(root, entry.path("path").asText(), false);
        for (ObjectNode patch : objectsOf(patchFile)) {
            ResourceId id = ResourceId.of(patch);
            List<ObjectNode> targets = objects.stream().filter(object -> id.matchesPatchTarget(ResourceId.of(object))).toList();
            if (targets.size() != 1) {
                throw new KustomizeException(patchFile + ": the patch of " + id + " matches " + targets.size()
                        + " objects, it must match exactly one");
            }
            ObjectNode target = targets.get(0);
            ObjectNode merged = StrategicMergePatch.apply(target, patch);
            objects.set(objects.indexOf(target), merged);
        }
    }

    private static void setReplicas(List<ObjectNode> objects, JsonNode entry, Path file) {
        String name = entry.path("name").asText();
        if (!entry.path("count").isInt()) {
            throw new KustomizeException(file + ": replicas of " + name + " needs an integer count");
        }
        List<ObjectNode> targets = objects.stream()
                .filter(object -> SCALABLE.contains(object.path("kind").asText()))
                .filter(object -> object.path("metadata").path("name").asText().equals(name))
                .toList();
        if (targets.isEmpty()) {
            throw new KustomizeException(file + ": replicas names " + name + ", which is no Deployment, ReplicaSet or StatefulSet");
        }
        targets.forEach(target -> ((ObjectNode) target.get("spec")).put("replicas", entry.get("count").asInt()));
    }

    private static void requireUniqueIds(List<ObjectNode> objects, Path file) {
        Set<ResourceId> seen = new HashSet<>();
        for (ObjectNode object : objects) {
            if (!seen.add(ResourceId.of(object))) {
                throw new KustomizeException(file + ": " + ResourceId.of(object) + " is declared twice");
            }
        }
    }

    /**
     * kustomize's load restriction: a file must lie inside the kustomization's directory; a
     * directory (another kustomization) may lie anywhere.
     */
    private static Path inside(Path root, String relative, boolean directoryAllowed) {
        Path path = root.resolve(relative).normalize();
        if (!Files.exists(path)) {
            throw new KustomizeException(root + ": '" + relative + "' does not exist");
        }
        if (Files.isDirectory(path)) {
            if (!directoryAllowed) {
                throw new KustomizeException(root + ": '" + relative + "' is a directory, a file is needed");
            }
            return path;
        }
        if (!path.startsWith(root)) {
            throw new KustomizeException(root + ": the file '" + relative + "' lies outside the kustomization's directory");
        }
        return path;
    }

    private static List<ObjectNode> objectsOf(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode document : readDocuments(file)) {
            if (!document.isObject() || !document.hasNonNull("apiVersion") || !document.hasNonNull("kind")
                    || !document.path("metadata").hasNonNull("name")) {
                throw new KustomizeException(file + ": every document needs apiVersion, kind and metadata.name");
            }
            objects.add((ObjectNode) document);
        }
        return objects;
    }

    /** The non-empty documents of a YAML file. */
    public static List<JsonNode> readDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return documents;
    }
}
