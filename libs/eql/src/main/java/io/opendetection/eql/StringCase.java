package io.opendetection.eql;

/**
 * How a query compares strings. {@code DEFAULT} is Elasticsearch's EQL: {@code ==}, {@code in},
 * {@code like}, {@code regex} and the functions are case-sensitive unless written with {@code ~},
 * {@code :} ignores case. {@code INSENSITIVE} and {@code SENSITIVE} are the conformance suite's
 * per-query options {@code case_insensitive} (every comparison ignores case) and
 * {@code case_sensitive} (even {@code :} respects it; an explicit {@code ~} still ignores it).
 */
public enum StringCase {
    DEFAULT, INSENSITIVE, SENSITIVE;

    /** Whether a comparison ignores case; {@code explicit}: written with {@code ~} (or {@code in~}). */
    public boolean ignores(boolean explicit) {
        return explicit || this == INSENSITIVE;
    }

    /** Whether {@code :} ignores case. */
    public boolean colonIgnores() {
        return this != SENSITIVE;
    }
}
