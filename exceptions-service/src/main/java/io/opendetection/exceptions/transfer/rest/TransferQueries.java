package io.opendetection.exceptions.transfer.rest;

import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.opendetection.exceptions.search.QueryParameters;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The queries of {@code _export}, {@code _duplicate} and {@code _import}, validated as Kibana validates them. */
final class TransferQueries {
    private static final List<String> BOOLEANS = List.of("true", "false");

    private TransferQueries() {
    }

    record ExportQuery(String id, String listId, NamespaceType namespaceType, boolean includeExpired) {
    }

    record DuplicateQuery(String listId, NamespaceType namespaceType, boolean includeExpired) {
    }

    record ImportQuery(boolean overwrite, boolean asNewList) {
    }

    static ExportQuery export(String id, String listId, String namespaceType, String includeExpired) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("id", id).text("list_id", listId).text("namespace_type", namespaceType)
                .text("include_expired_exceptions", includeExpired).fields(problems);
        String validId = query.nonEmptyString("id", REQUIRED);
        String validListId = query.nonEmptyString("list_id", REQUIRED);
        String validNamespace = query.oneOf("namespace_type", REQUIRED, NamespaceType.NAMES);
        String expired = query.oneOf("include_expired_exceptions", OPTIONAL, BOOLEANS);
        problems.throwIfAny();
        return new ExportQuery(validId, validListId, NamespaceType.named(validNamespace), !"false".equals(expired));
    }

    static DuplicateQuery duplicate(String listId, String namespaceType, String includeExpired) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("list_id", listId).text("namespace_type", namespaceType)
                .text("include_expired_exceptions", includeExpired).fields(problems);
        String validListId = query.nonEmptyString("list_id", REQUIRED);
        String validNamespace = query.oneOf("namespace_type", REQUIRED, NamespaceType.NAMES);
        String expired = query.oneOf("include_expired_exceptions", OPTIONAL, BOOLEANS);
        problems.throwIfAny();
        return new DuplicateQuery(validListId, NamespaceType.named(validNamespace), !"false".equals(expired));
    }

    static ImportQuery importing(String overwrite, String asNewList) {
        Problems problems = Problems.inQuery();
        Fields query = new QueryParameters().text("overwrite", overwrite).text("as_new_list", asNewList).fields(problems);
        String validOverwrite = query.oneOf("overwrite", OPTIONAL, BOOLEANS);
        String validAsNewList = query.oneOf("as_new_list", OPTIONAL, BOOLEANS);
        problems.throwIfAny();
        return new ImportQuery("true".equals(validOverwrite), "true".equals(validAsNewList));
    }
}
