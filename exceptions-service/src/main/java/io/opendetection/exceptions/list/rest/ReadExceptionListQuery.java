package io.opendetection.exceptions.list.rest;

import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.common.validation.QueryObject;
import io.opendetection.exceptions.list.service.ListReference;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;

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
