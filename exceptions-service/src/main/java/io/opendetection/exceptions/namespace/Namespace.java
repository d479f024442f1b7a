package io.opendetection.exceptions.namespace;

/**
 * Where an exception list or item lives: one space, or every space for an agnostic one.
 *
 * @param space the owning space; null when agnostic
 */
public record Namespace(NamespaceType type, String space) {
    /** The space as the tables key it: '' for agnostic, a value no Kibana space id can take. */
    public String storedSpace() {
        return space == null ? "" : space;
    }
}
