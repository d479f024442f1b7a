package io.opendetection.lists.list.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.caller.HasPrivileges;
import io.opendetection.lists.index.service.DataStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the caller may do with the space's lists and items, in the shape of Elasticsearch's
 * has_privileges answers that Kibana returns, one for each of its two data streams; the caller's
 * value-list privilege in the space decides both.
 */
@ApplicationScoped
public class ListPrivileges {
    @Inject
    Caller caller;

    public Answer ofCaller() {
        String space = caller.space();
        return new Answer(true, HasPrivileges.of(caller, "lists", DataStreams.items(space)),
                HasPrivileges.of(caller, "lists", DataStreams.lists(space)));
    }

    public record Answer(@JsonProperty("is_authenticated") boolean isAuthenticated,
                         @JsonProperty("listItems") ObjectNode listItems, ObjectNode lists) {
    }
}
