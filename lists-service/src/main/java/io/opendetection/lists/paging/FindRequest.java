package io.opendetection.lists.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.opendetection.common.validation.Presence.OPTIONAL;

/**
 * The paging query of Kibana's value-list {@code _find} routes, validated: page and per_page
 * (coerced from text, as zod's coerce does), sort_field among {@code sortable}, sort_order, the
 * opaque cursor and the KQL filter.
 */
public record FindRequest(int page, int perPage, String sortField, boolean descending, Cursor cursor, String filter) {
    public static final int DEFAULT_PAGE = 1;
    public static final int DEFAULT_PER_PAGE = 20;

    /** Reads the query; a 400 in Kibana's words for every problem found. */
    public static FindRequest read(Map<String, String> query, Problems problems) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        query.forEach((name, value) -> {
            if (value != null) {
                parameters.set(name, coerced(name, value));
            }
        });
        Fields fields = Fields.of(parameters, problems);
        // in the order of Kibana's schema, so several problems are listed in Kibana's order
        String cursor = fields.string("cursor", OPTIONAL);
        String filter = fields.string("filter", OPTIONAL);
        Long page = fields.integer("page", OPTIONAL, 1, Integer.MAX_VALUE);
        Long perPage = fields.integer("per_page", OPTIONAL, 0, Integer.MAX_VALUE);
        String sortField = fields.nonEmptyString("sort_field", OPTIONAL);
        String sortOrder = fields.oneOf("sort_order", OPTIONAL, List.of("desc", "asc"));
        problems.throwIfAny();
        int validPage = page == null ? DEFAULT_PAGE : page.intValue();
        int validPerPage = perPage == null ? DEFAULT_PER_PAGE : perPage.intValue();
        return new FindRequest(validPage, validPerPage, sortField, "desc".equals(sortOrder),
                Cursor.decode(cursor, validPage, validPerPage, sortField), filter == null || filter.isBlank() ? null : filter);
    }

    public long startIndex() {
        return (long) (page - 1) * perPage;
    }

    private static JsonNode coerced(String name, String value) {
        if (!name.equals("page") && !name.equals("per_page")) {
            return JsonNodeFactory.instance.textNode(value);
        }
        try {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(value.strip()));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}
