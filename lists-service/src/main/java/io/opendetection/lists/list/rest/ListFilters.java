package io.opendetection.lists.list.rest;

import io.opendetection.common.errors.ApiException;
import io.opendetection.lists.paging.SqlFilter;

/** The KQL {@code filter} of a list {@code _find}, as SQL over the stored lists. */
final class ListFilters {
    private ListFilters() {
    }

    static SqlFilter condition(String filter) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        throw ApiException.badRequest("filter is not supported yet");
    }
}
