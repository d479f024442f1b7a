package io.opendetection.lists.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.lists.list.service.ListChanges;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The body of Kibana's PUT (name and description required) and PATCH (only id) of a list. */
final class ChangeValueListBody {
    private ChangeValueListBody() {
    }

    static ListChanges read(JsonNode json, boolean replace) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        Presence named = replace ? REQUIRED : OPTIONAL;
        String versionId = body.string("_version", OPTIONAL);
        String description = body.nonEmptyString("description", named);
        String id = body.nonEmptyString("id", REQUIRED);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.nonEmptyString("name", named);
        Long version = body.integer("version", OPTIONAL, 1, Integer.MAX_VALUE);
        problems.throwIfAny();
        return new ListChanges(id, versionId, name, description, meta, version == null ? null : version.intValue());
    }
}
