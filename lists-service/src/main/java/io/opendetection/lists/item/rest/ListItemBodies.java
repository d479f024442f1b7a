package io.opendetection.lists.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.lists.item.service.ItemChanges;
import io.opendetection.lists.item.service.NewListItem;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The bodies of Kibana's list item routes, each field read in the order of Kibana's schema. */
final class ListItemBodies {
    static final List<String> REFRESH = List.of("true", "false", "wait_for");

    private ListItemBodies() {
    }

    static NewListItem create(JsonNode json) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        String id = body.nonEmptyString("id", OPTIONAL);
        String listId = body.nonEmptyString("list_id", REQUIRED);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        body.oneOf("refresh", OPTIONAL, REFRESH);
        String value = body.nonEmptyString("value", REQUIRED);
        problems.throwIfAny();
        return new NewListItem(id, listId, value, meta);
    }

    /** PUT needs the value, PATCH may leave it out. */
    static ItemChanges change(JsonNode json, boolean replace) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        String versionId = body.string("_version", OPTIONAL);
        String id = body.nonEmptyString("id", REQUIRED);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        if (!replace) {
            body.oneOf("refresh", OPTIONAL, REFRESH);
        }
        String value = body.nonEmptyString("value", replace ? REQUIRED : OPTIONAL);
        problems.throwIfAny();
        return new ItemChanges(id, versionId, value, meta);
    }
}
