package io.opendetection.lists.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.lists.list.service.NewValueList;
import io.opendetection.lists.list.service.ValueList;

import java.util.ArrayList;
import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/**
 * The body of {@code POST /api/lists}, validated as Kibana validates it, with the warnings for the
 * parameters Kibana still accepts but ignores.
 */
record CreateValueListBody(NewValueList list, List<String> warnings) {

    static CreateValueListBody read(JsonNode json) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
        String description = body.nonEmptyString("description", REQUIRED);
        String deserializer = body.string("deserializer", OPTIONAL);
        String id = body.nonEmptyString("id", OPTIONAL);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.nonEmptyString("name", REQUIRED);
        String serializer = body.string("serializer", OPTIONAL);
        String type = body.oneOf("type", REQUIRED, ValueList.TYPES);
        Long version = body.integer("version", OPTIONAL, 1, Integer.MAX_VALUE);
        problems.throwIfAny();

        List<String> warnings = new ArrayList<>();
        if (serializer != null) {
            warnings.add(ignored("serializer"));
        }
        if (deserializer != null) {
            warnings.add(ignored("deserializer"));
        }
        return new CreateValueListBody(
                new NewValueList(id, name, description, type, meta, version == null ? 1 : version.intValue()), warnings);
    }

    private static String ignored(String parameter) {
        return "The \"" + parameter + "\" parameter is not supported and will be ignored. Custom serializers have been removed.";
    }
}
