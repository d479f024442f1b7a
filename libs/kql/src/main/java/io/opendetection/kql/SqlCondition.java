package io.opendetection.kql;

import java.util.List;

/** A SQL boolean expression with {@code $n} placeholders, and the values bound to them in order. */
public record SqlCondition(String sql, List<Object> parameters) {
    public SqlCondition {
        parameters = List.copyOf(parameters);
    }
}
