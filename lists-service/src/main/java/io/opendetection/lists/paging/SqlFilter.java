package io.opendetection.lists.paging;

import java.util.List;

/** A {@code _find} filter as SQL: a trusted condition (null for none) and its parameters. */
public record SqlFilter(String sql, List<Object> parameters) {
    public static final SqlFilter NONE = new SqlFilter(null, List.of());
}
