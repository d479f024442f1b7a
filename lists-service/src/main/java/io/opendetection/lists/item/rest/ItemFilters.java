package io.opendetection.lists.item.rest;

import io.opendetection.common.errors.ApiException;
import io.opendetection.lists.paging.SqlFilter;

/** The KQL {@code filter} of an item {@code _find}, as SQL over the stored items. */
final class ItemFilters {
    private ItemFilters() {
    }

    static SqlFilter condition(String filter) {
        if (filter == null) {
            return SqlFilter.NONE;
        }
        throw ApiException.badRequest("filter is not supported yet");
    }
}
