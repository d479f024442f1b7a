package io.opendetection.exceptions.search;

import java.util.List;

/**
 * Which page of a {@code _find} to return and in which order. {@code sortField} is a key of the
 * stored document (Kibana's saved-object prefixes removed), passed to SQL as a parameter.
 */
public record PageRequest(int page, int perPage, String sortField, boolean descending) {
    public static final int DEFAULT_PAGE = 1;
    public static final int DEFAULT_PER_PAGE = 20;
    private static final List<String> PREFIXES = List.of("exception-list-agnostic.", "exception-list.", "attributes.");

    /** From the query's values (null when absent); Kibana's sort field names may carry the saved-object type. */
    public static PageRequest of(Long page, Long perPage, String sortField, String sortOrder) {
        return new PageRequest(page == null ? DEFAULT_PAGE : page.intValue(),
                perPage == null ? DEFAULT_PER_PAGE : perPage.intValue(), documentKey(sortField), "desc".equals(sortOrder));
    }

    /** ORDER BY, LIMIT and OFFSET, with their values appended to {@code parameters}. */
    public String orderAndLimit(List<Object> parameters) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        if (sortField != null) {
            parameters.add(sortField);
            sql.append("document->>$").append(parameters.size()).append(descending ? " DESC" : " ASC").append(", ");
        }
        // created_at then the id: a stable order, so pages neither repeat nor skip rows.
        sql.append("document->>'created_at'").append(descending && sortField == null ? " DESC" : "").append(", id");
        parameters.add(perPage);
        sql.append(" LIMIT $").append(parameters.size());
        parameters.add((long) Math.max(page - 1, 0) * perPage);
        sql.append(" OFFSET $").append(parameters.size());
        return sql.toString();
    }

    private static String documentKey(String sortField) {
        if (sortField == null) {
            return null;
        }
        String key = sortField;
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix)) {
                key = key.substring(prefix.length());
            }
        }
        return key;
    }
}
