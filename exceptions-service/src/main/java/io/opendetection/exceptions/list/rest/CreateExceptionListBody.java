package io.opendetection.exceptions.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.NewExceptionList;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The body of {@code POST /api/exception_lists} (and a list line of an import), validated as Kibana validates it. */
public final class CreateExceptionListBody {
    private CreateExceptionListBody() {
    }

    public static NewExceptionList read(JsonNode json) {
        return read(json, OPTIONAL);
    }

    /** {@code listIdPresence}: an imported list must name its list_id. */
    public static NewExceptionList read(JsonNode json, Presence listIdPresence) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
        String description = body.string("description", REQUIRED);
        String listId = body.nonEmptyString("list_id", listIdPresence);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.string("name", REQUIRED);
        String namespaceType = body.oneOf("namespace_type", OPTIONAL, NamespaceType.NAMES);
        List<String> osTypes = body.oneOfEach("os_types", OPTIONAL, ExceptionList.OS_TYPES);
        List<String> tags = body.strings("tags", OPTIONAL);
        String type = body.oneOf("type", REQUIRED, ExceptionList.TYPES);
        Long version = body.integer("version", OPTIONAL, 1, Integer.MAX_VALUE);
        problems.throwIfAny();
        return new NewExceptionList(listId, name, description, type, NamespaceType.named(namespaceType),
                osTypes == null ? List.of() : osTypes, tags == null ? List.of() : tags, meta,
                version == null ? 1 : version.intValue());
    }
}
