package io.opendetection.exceptions.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.item.service.CommentUpdate;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ItemReference;
import io.opendetection.exceptions.item.service.ItemUpdate;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.ArrayList;
import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The body of {@code PUT /api/exception_lists/items} (and of the endpoint list's), validated as Kibana validates it. */
public final class UpdateExceptionItemBody {
    private UpdateExceptionItemBody() {
    }

    /** {@code fixedNamespace}: the endpoint list's items are agnostic whatever the body says; null to read it. */
    public static ItemUpdate read(JsonNode json, NamespaceType fixedNamespace) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
        String versionId = body.string("_version", OPTIONAL);
        List<CommentUpdate> comments = comments(body);
        String description = body.string("description", REQUIRED);
        ArrayNode entries = ItemEntries.read(body);
        // the endpoint list's items have no expire_time (Kibana's schema strips it)
        String expireTime = fixedNamespace == null ? body.dateTime("expire_time", OPTIONAL) : null;
        String id = body.nonEmptyString("id", OPTIONAL);
        String itemId = body.nonEmptyString("item_id", OPTIONAL);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.nonEmptyString("name", REQUIRED);
        String namespaceType = fixedNamespace == null ? body.oneOf("namespace_type", OPTIONAL, NamespaceType.NAMES) : null;
        List<String> osTypes = body.oneOfEach("os_types", OPTIONAL, ExceptionList.OS_TYPES);
        List<String> tags = body.nonEmptyStrings("tags", OPTIONAL, 0);
        String type = body.oneOf("type", REQUIRED, ExceptionItem.TYPES);
        problems.throwIfAny();
        ItemReference reference = ItemReference.of(id, itemId,
                ApiException.notFound("either id or item_id need to be defined"));
        return new ItemUpdate(reference, fixedNamespace != null ? fixedNamespace : NamespaceType.named(namespaceType),
                versionId, name, description, type, entries, comments, osTypes, tags, expireTime, meta);
    }

    private static List<CommentUpdate> comments(Fields body) {
        List<Fields> comments = body.objects("comments", OPTIONAL, 0);
        if (comments == null) {
            return null;
        }
        List<CommentUpdate> read = new ArrayList<>();
        for (Fields comment : comments) {
            String text = comment.nonEmptyString("comment", REQUIRED);
            String id = comment.nonEmptyString("id", OPTIONAL);
            read.add(new CommentUpdate(id, text));
        }
        return read;
    }
}
