package io.opendetection.exceptions.list.rest;

import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.search.QueryParameters;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;

/** The queries of the list routes, validated as Kibana validates them. */
final class ListQueries {
    static final List<String> SORT_ORDERS = List.of("desc", "asc");

    private ListQueries() {
    }

    /** A list named by id or list_id, in a namespace ({@code GET}, {@code DELETE}, summary). */
    record Target(ListReference reference, NamespaceType namespaceType) {
    }

    /** A page of lists ({@code _find}). */
    record Search(String filter, List<NamespaceType> namespaceTypes, PageRequest page) {
    }

    static Target target(String id, String listId, String namespaceType, ApiException whenNeither) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("id", id).text("list_id", listId)
                .array("namespace_type", namespaceType).fields(problems);
        String validId = query.nonEmptyString("id", OPTIONAL);
        String validListId = query.nonEmptyString("list_id", OPTIONAL);
        List<String> namespaceTypes = query.oneOfEach("namespace_type", OPTIONAL, NamespaceType.NAMES);
        problems.throwIfAny();
        return new Target(ListReference.of(validId, validListId, whenNeither),
                NamespaceType.named(namespaceTypes == null ? null : namespaceTypes.get(0)));
    }

    static Search search(String filter, String namespaceType, String page, String perPage, String sortField,
                         String sortOrder) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("filter", filter).array("namespace_type", namespaceType)
                .number("page", page).number("per_page", perPage).text("sort_field", sortField)
                .text("sort_order", sortOrder).fields(problems);
        String validFilter = query.string("filter", OPTIONAL);
        List<String> namespaceTypes = query.oneOfEach("namespace_type", OPTIONAL, NamespaceType.NAMES);
        Long validPage = query.integer("page", OPTIONAL, 1, Integer.MAX_VALUE);
        Long validPerPage = query.integer("per_page", OPTIONAL, 1, Integer.MAX_VALUE);
        String validSortField = query.string("sort_field", OPTIONAL);
        String validSortOrder = query.oneOf("sort_order", OPTIONAL, SORT_ORDERS);
        problems.throwIfAny();
        return new Search(validFilter, namespaceTypes(namespaceTypes),
                PageRequest.of(validPage, validPerPage, validSortField, validSortOrder));
    }

    /** Kibana's default namespace list is [single]. */
    static List<NamespaceType> namespaceTypes(List<String> names) {
        return names == null ? List.of(NamespaceType.SINGLE) : names.stream().map(NamespaceType::named).toList();
    }
}
