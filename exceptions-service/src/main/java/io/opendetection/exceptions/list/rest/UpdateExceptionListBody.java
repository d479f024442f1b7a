package io.opendetection.exceptions.list.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.list.service.ListUpdate;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The body of {@code PUT /api/exception_lists}, validated as Kibana validates it. */
final class UpdateExceptionListBody {
    private UpdateExceptionListBody() {
    }

    static ListUpdate read(JsonNode json) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
        String versionId = body.string("_version", OPTIONAL);
        String description = body.string("description", REQUIRED);
        String id = body.nonEmptyString("id", OPTIONAL);
        String listId = body.nonEmptyString("list_id", OPTIONAL);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.string("name", REQUIRED);
        String namespaceType = body.oneOf("namespace_type", OPTIONAL, NamespaceType.NAMES);
        List<String> osTypes = body.oneOfEach("os_types", OPTIONAL, ExceptionList.OS_TYPES);
        List<String> tags = body.strings("tags", OPTIONAL);
        String type = body.oneOf("type", REQUIRED, ExceptionList.TYPES);
        Long version = body.integer("version", OPTIONAL, 1, Integer.MAX_VALUE);
        problems.throwIfAny();
        ListReference reference = ListReference.of(id, listId,
                ApiException.notFound("either id or list_id need to be defined"));
        return new ListUpdate(reference, NamespaceType.named(namespaceType), versionId, name, description, type,
                osTypes == null ? List.of() : osTypes, tags, meta, version == null ? null : version.intValue());
    }
}
