package io.opendetection.lists.paging;

import io.opendetection.common.errors.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields a {@code _find} may sort on and the trusted SQL that reads each, and the ORDER BY
 * and search-after condition built from them, always ending with the tie breaker as Kibana sorts.
 */
public final class SortColumns {
    private final Map<String, String> columns;
    private final String tieBreaker;

    public SortColumns(Map<String, String> columns, String tieBreaker) {
        this.columns = columns;
        this.tieBreaker = tieBreaker;
    }

    /** The SQL reading the sort field (or the tie breaker when none); unknown fields fail as Elasticsearch does. */
    public String column(String sortField) {
        if (sortField == null) {
            return tieBreaker;
        }
        String column = columns.get(sortField);
        if (column == null) {
            throw ApiException.badRequest("No mapping found for [" + sortField + "] in order to sort on");
        }
        return column;
    }

    public String orderBy(FindRequest request) {
        if (request.sortField() == null) {
            return " ORDER BY " + tieBreaker + " ASC";
        }
        return " ORDER BY " + column(request.sortField()) + (request.descending() ? " DESC" : " ASC") + " NULLS LAST, "
                + tieBreaker + " ASC";
    }

    /**
     * The condition "after the cursor's sort values", with parameters from {@code $first}; empty
     * when the request does not resume from its cursor.
     */
    public String after(FindRequest request, int first, List<Object> parameters) {
        boolean sorted = request.sortField() != null;
        if (!request.cursor().resumes(request.startIndex(), sorted)) {
            return "";
        }
        List<String> values = request.cursor().searchAfter();
        if (!sorted) {
            parameters.add(values.get(0));
            return " AND " + tieBreaker + " > $" + first;
        }
        String column = column(request.sortField());
        parameters.add(values.get(0));
        parameters.add(values.get(1));
        String direction = request.descending() ? "<" : ">";
        return " AND (" + column + "::text " + direction + " $" + first + " OR (" + column + "::text = $" + first
                + " AND " + tieBreaker + " > $" + (first + 1) + "))";
    }

    /** The sort values of a row, as the cursor carries them. */
    public static List<String> sortValues(String sortValue, String tieBreakerValue, boolean sorted) {
        List<String> values = new ArrayList<>();
        if (sorted) {
            values.add(sortValue == null ? "" : sortValue);
        }
        values.add(tieBreakerValue);
        return values;
    }
}
