package io.opendetection.exceptions.item.service;

import io.opendetection.common.errors.ApiException;

/** How a request names an exception item: by its id, or else by its item_id. */
public record ItemReference(String id, String itemId) {

    /** {@code whenNeither} is the route's own answer (Kibana words it differently per route). */
    public static ItemReference of(String id, String itemId, ApiException whenNeither) {
        if (id == null && itemId == null) {
            throw whenNeither;
        }
        return new ItemReference(id, itemId);
    }

    public ApiException notFound() {
        return id != null
                ? ApiException.notFound("exception list item id: \"" + id + "\" does not exist")
                : ApiException.notFound("exception list item item_id: \"" + itemId + "\" does not exist");
    }
}
