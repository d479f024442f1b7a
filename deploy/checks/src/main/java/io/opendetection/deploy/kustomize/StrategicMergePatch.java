package io.opendetection.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch as kustomize applies it, for the shapes of the built-in
 * workload kinds: maps merge field by field, {@code null} removes a field, lists whose elements
 * carry a merge key (containers, env, volumes, volume mounts, image pull secrets) merge element by
 * element with the patch's elements first, every other list is replaced. Refused: patch
 * directives ({@code $patch}, {@code $retainKeys}, …) and {@code ports}, which kustomize merges on
 * port and protocol in ways of its own (it drops a protocol the original lacks).
 */
final class StrategicMergePatch {
    /** Kubernetes' patchMergeKey of the lists a workload's patch may touch. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name");

    private StrategicMergePatch() {
    }

    static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        merge(result, patch, "");
        return result;
    }

    private static void merge(ObjectNode target, ObjectNode patch, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String at = path + "." + name;
            if (name.startsWith("$")) {
                throw new KustomizeException("the patch directive " + at + " is not supported by this renderer");
            }
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, at);
            } else if (name.equals("ports") && value.isArray() && current != null) {
                throw new KustomizeException("a patch of the list " + at + " is not supported by this renderer");
            } else if (value.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(name)) {
                target.set(name, mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(name), at));
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /** The patch's elements, each merged into its namesake, then the elements the patch does not name. */
    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String key, String path) {
        ArrayNode merged = target.arrayNode();
        List<JsonNode> rest = new ArrayList<>();
        target.forEach(rest::add);
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.hasNonNull(key)) {
                throw new KustomizeException("every element of " + path + " in a patch needs its merge key '" + key + "'");
            }
            ObjectNode result = (ObjectNode) element.deepCopy();
            for (JsonNode candidate : rest) {
                if (candidate.path(key).equals(element.get(key))) {
                    result = ((ObjectNode) candidate).deepCopy();
                    merge(result, (ObjectNode) element, path + "[" + key + "=" + element.get(key).asText() + "]");
                    rest.remove(candidate);
                    break;
                }
            }
            merged.add(result);
        }
        rest.forEach(merged::add);
        return merged;
    }
}
