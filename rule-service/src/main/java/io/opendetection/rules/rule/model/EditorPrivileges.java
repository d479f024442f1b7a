package io.opendetection.rules.rule.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.caller.Caller;

/**
 * The snapshot a rule keeps of the index privileges of whoever last wrote it, taken from the
 * caller's token on every write: the executor checks the rule's index patterns against it
 * before each run. {@code layers} is null when the token carried no index privileges.
 */
public record EditorPrivileges(JsonNode layers) {

    /** The one place a write takes the snapshot: from the caller of the request. */
    public static EditorPrivileges of(Caller caller) {
        return new EditorPrivileges(caller.indexPrivileges());
    }

    /** As stored: JSON text, or null. */
    public String json() {
        return layers == null ? null : layers.toString();
    }
}
