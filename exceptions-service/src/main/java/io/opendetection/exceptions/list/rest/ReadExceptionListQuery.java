package io.opendetection.exceptions.list.rest;

import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.validation.Fields;
import io.opendetection.exceptions.validation.Problems;
import io.opendetection.exceptions.validation.QueryObject;

import java.util.List;

import static io.opendetection.exceptions.validation.Presence.OPTIONAL;

/** The query of {@code GET /api/exception_lists}, validated as Kibana validates it. */
record ReadExceptionListQuery(ListReference reference, NamespaceType namespaceType) {

    static ReadExceptionListQuery read(String id, String listId, String namespaceType) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("id", id).text("list_id", listId)
                .array("namespace_type", namespaceType).fields(problems);
        String validId = query.nonEmptyString("id", OPTIONAL);
        String validListId = query.nonEmptyString("list_id", OPTIONAL);
        List<String> namespaceTypes = query.oneOfEach("namespace_type", OPTIONAL, NamespaceType.NAMES);
        problems.throwIfAny();
        return new ReadExceptionListQuery(ListReference.of(validId, validListId),
                NamespaceType.named(namespaceTypes == null ? null : namespaceTypes.get(0)));
    }
}
