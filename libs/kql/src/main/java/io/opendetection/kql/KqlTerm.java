package io.opendetection.kql;

import java.util.List;

/** A field name or value as written in a query: a plain literal or a pattern with wildcards. */
public sealed interface KqlTerm permits KqlTerm.Literal, KqlTerm.Wildcard {

    /** The term as Elasticsearch sees it in a field name or a range bound. */
    Object value();

    /**
     * An unquoted or quoted literal. Unquoted {@code true}, {@code false} and {@code null} become
     * the JSON boolean or null, as in Kibana; everything else (numbers included) stays a string.
     */
    record Literal(Object value, boolean quoted) implements KqlTerm {
    }

    /** An unquoted term with at least one {@code *}; {@code parts} is the text between the wildcards. */
    record Wildcard(List<String> parts) implements KqlTerm {

        public Wildcard {
            parts = List.copyOf(parts);
        }

        @Override
        public Object value() {
            return String.join("*", parts);
        }

        /** A term that is just {@code *}: on a value it means "the field exists". */
        public boolean isLone() {
            return parts.size() == 2 && parts.get(0).isEmpty() && parts.get(1).isEmpty();
        }
    }
}
