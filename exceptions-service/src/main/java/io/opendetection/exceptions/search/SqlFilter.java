package io.opendetection.exceptions.search;

import java.util.List;

/**
 * A condition of a {@code _find}, written when its parameters' numbers are known: it appends its
 * values to {@code parameters} and returns {@code " AND (...)"} naming them, or "" for no condition.
 */
@FunctionalInterface
public interface SqlFilter {
    SqlFilter NONE = parameters -> "";

    String and(List<Object> parameters);

    default SqlFilter and(SqlFilter other) {
        return parameters -> and(parameters) + other.and(parameters);
    }

    /**
     * Documents with a string value containing {@code text}, case-insensitively: Kibana's free-text
     * {@code search} over every field of an item.
     */
    static SqlFilter containing(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return parameters -> {
            parameters.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            return " AND EXISTS (SELECT 1 FROM jsonb_path_query(document, 'strict $.**') AS value"
                    + " WHERE jsonb_typeof(value) = 'string' AND value #>> '{}' ILIKE $" + parameters.size() + ")";
        };
    }
}
