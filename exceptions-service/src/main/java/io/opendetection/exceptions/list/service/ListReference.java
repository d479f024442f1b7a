package io.opendetection.exceptions.list.service;

import io.opendetection.common.errors.ApiException;

/** How a request names an exception list: by its id, or else by its list_id. */
public record ListReference(String id, String listId) {

    public static ListReference of(String id, String listId) {
        if (id == null && listId == null) {
            throw ApiException.badRequest("id or list_id required");
        }
        return new ListReference(id, listId);
    }

    /** The 404 for this reference; Kibana's wording names the identifier the caller used. */
    public ApiException notFound() {
        return id != null
                ? ApiException.notFound("exception list id: \"" + id + "\" does not exist")
                : ApiException.notFound("exception list list_id: \"" + listId + "\" does not exist");
    }
}
