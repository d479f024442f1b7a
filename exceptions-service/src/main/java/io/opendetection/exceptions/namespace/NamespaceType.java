package io.opendetection.exceptions.namespace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** Whether an exception list (and its items) belongs to one space or to all of them. */
public enum NamespaceType {
    SINGLE("single"),
    AGNOSTIC("agnostic");

    /** The API names, in the order Kibana's messages list them. */
    public static final List<String> NAMES = List.of("agnostic", "single");

    private final String apiName;

    NamespaceType(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }

    /** The type named in a request; {@code single}, Kibana's default, when none is. */
    @JsonCreator
    public static NamespaceType named(String name) {
        return AGNOSTIC.apiName.equals(name) ? AGNOSTIC : SINGLE;
    }

    /** Where a list or item of this type lives, for a caller in {@code space}. */
    public Namespace seenFrom(String space) {
        return new Namespace(this, this == SINGLE ? space : null);
    }
}
