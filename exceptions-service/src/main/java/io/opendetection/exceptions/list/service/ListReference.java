package io.opendetection.exceptions.list.service;

import io.opendetection.common.errors.ApiException;

/** How a request names an exception list: by its id, or else by its list_id. */
public record ListReference(String id, String listId) {

    /** For reads; Kibana's answer when neither is given. */
    public static ListReference of(String id, String listId) {
        return of(id, listId, ApiException.badRequest("id or list_id required"));
    }

    /** {@code whenNeither} is the route's own answer (Kibana words it differently per route). */
    public static ListReference of(String id, String listId, ApiException whenNeither) {
        if (id == null && listId == null) {
            throw whenNeither;
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
