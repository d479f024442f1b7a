package io.opendetection.exceptions.item.rest;

import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.item.service.ItemReference;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.search.QueryParameters;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The queries of the item routes, validated as Kibana validates them. */
public final class ItemQueries {
    private static final List<String> SORT_ORDERS = List.of("desc", "asc");

    private ItemQueries() {
    }

    public record Target(ItemReference reference, NamespaceType namespaceType) {
    }

    /** {@code _find}: the lists (each in its namespace), one filter per list or none, free text, a page. */
    public record Search(List<String> listIds, List<NamespaceType> namespaceTypes, List<String> filters, String search,
                  PageRequest page) {
    }

    public static Target target(String id, String itemId, String namespaceType, ApiException whenNeither) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("id", id).text("item_id", itemId)
                .array("namespace_type", namespaceType).fields(problems);
        String validId = query.nonEmptyString("id", OPTIONAL);
        String validItemId = query.nonEmptyString("item_id", OPTIONAL);
        List<String> namespaceTypes = query.oneOfEach("namespace_type", OPTIONAL, NamespaceType.NAMES);
        problems.throwIfAny();
        return new Target(ItemReference.of(validId, validItemId, whenNeither),
                NamespaceType.named(namespaceTypes == null ? null : namespaceTypes.get(0)));
    }

    /** {@code listIdRequired}: false for the endpoint list's {@code _find}, which has no list_id. */
    public static Search search(String listId, String filter, String namespaceType, String search, String page,
                         String perPage, String sortField, String sortOrder, boolean listIdRequired) {
        Problems problems = Problems.inQuery();
        QueryParameters parameters = new QueryParameters().array("list_id", listId)
                .array("namespace_type", namespaceType).text("search", search)
                .number("page", page).number("per_page", perPage).text("sort_field", sortField)
                .text("sort_order", sortOrder);
        if (listIdRequired) {
            parameters.array("filter", filter);
        } else {
            parameters.text("filter", filter);
        }
        Fields query = parameters.fields(problems);
        List<String> listIds = listIdRequired ? query.nonEmptyStrings("list_id", REQUIRED, 0) : List.of();
        List<String> filters = listIdRequired ? query.strings("filter", OPTIONAL) : optional(query.string("filter", OPTIONAL));
        List<String> namespaceTypes = listIdRequired ? query.oneOfEach("namespace_type", OPTIONAL, NamespaceType.NAMES) : null;
        String validSearch = query.string("search", OPTIONAL);
        Long validPage = query.integer("page", OPTIONAL, 0, Integer.MAX_VALUE);
        Long validPerPage = query.integer("per_page", OPTIONAL, 0, Integer.MAX_VALUE);
        String validSortField = query.nonEmptyString("sort_field", OPTIONAL);
        String validSortOrder = query.oneOf("sort_order", OPTIONAL, SORT_ORDERS);
        problems.throwIfAny();
        List<NamespaceType> types = namespaceTypes == null ? List.of(NamespaceType.SINGLE)
                : namespaceTypes.stream().map(NamespaceType::named).toList();
        List<String> validFilters = filters == null ? List.of() : filters;
        if (listIdRequired && listIds.size() != types.size()) {
            throw ApiException.badRequest("list_id and namespace_id need to have the same comma separated number of"
                    + " values. Expected list_id length: " + listIds.size() + " to equal namespace_type length: "
                    + types.size());
        }
        if (listIdRequired && !validFilters.isEmpty() && validFilters.size() != listIds.size()) {
            throw ApiException.badRequest("list_id and filter need to have the same comma separated number of values."
                    + " Expected list_id length: " + listIds.size() + " to equal filter length: "
                    + validFilters.size());
        }
        return new Search(listIds, types, validFilters, validSearch,
                PageRequest.of(validPage, validPerPage, validSortField, validSortOrder));
    }

    private static List<String> optional(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
