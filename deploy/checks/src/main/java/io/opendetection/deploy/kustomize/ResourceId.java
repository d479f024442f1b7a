package io.opendetection.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/** What tells two objects apart in a rendering: API group, kind, namespace and name. */
public record ResourceId(String group, String kind, String namespace, String name) {

    public static ResourceId of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return new ResourceId(slash < 0 ? "" : apiVersion.substring(0, slash), object.path("kind").asText(),
                object.path("metadata").path("namespace").asText(""), object.path("metadata").path("name").asText());
    }

    /** A patch names its target by group, kind and name, and by namespace only when it gives one. */
    boolean matchesPatchTarget(ResourceId object) {
        return group.equals(object.group) && kind.equals(object.kind) && name.equals(object.name)
                && (namespace.isEmpty() || namespace.equals(object.namespace));
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "" : group + "/") + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
