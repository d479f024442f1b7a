package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Dotted field paths in a {@code _source}, which may nest objects, use dotted keys, or mix both. */
public final class Paths {
    private Paths() {
    }

    /** The value at {@code path}: an array as it is; missing when absent. */
    public static JsonNode raw(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        if (node.has(path)) {
            return node.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            String head = path.substring(0, dot);
            if (node.has(head)) {
                JsonNode found = raw(node.get(head), path.substring(dot + 1));
                if (!found.isMissingNode()) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return MissingNode.getInstance();
    }

    /** The value at {@code path}, the first element if it is an array. */
    public static JsonNode value(JsonNode node, String path) {
        JsonNode value = raw(node, path);
        return value.isArray() ? (value.isEmpty() ? MissingNode.getInstance() : value.get(0)) : value;
    }
}
