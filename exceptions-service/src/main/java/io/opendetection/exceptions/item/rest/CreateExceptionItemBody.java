package io.opendetection.exceptions.item.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.validation.Fields;
import io.opendetection.common.validation.Presence;
import io.opendetection.common.validation.Problems;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.NewExceptionItem;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.ArrayList;
import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;

/** The body of {@code POST /api/exception_lists/items} (and an item line of an import), validated as Kibana validates it. */
public final class CreateExceptionItemBody {
    private CreateExceptionItemBody() {
    }

    public static NewExceptionItem read(JsonNode json) {
        return read(json, OPTIONAL);
    }

    /** {@code itemIdPresence}: an imported item must name its item_id. */
    public static NewExceptionItem read(JsonNode json, Presence itemIdPresence) {
        return read(json, itemIdPresence, false);
    }

    /** An item of the endpoint list: its body names neither list_id nor namespace_type, both fixed. */
    public static NewExceptionItem readEndpointItem(JsonNode json) {
        return read(json, OPTIONAL, true);
    }

    private static NewExceptionItem read(JsonNode json, Presence itemIdPresence, boolean endpointList) {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json, problems);
        // Fields in the order of Kibana's schema, so several problems are listed in Kibana's order.
        List<String> comments = comments(body);
        String description = body.string("description", REQUIRED);
        ArrayNode entries = ItemEntries.read(body);
        // the endpoint list's items have no expire_time (Kibana's schema strips it)
        String expireTime = endpointList ? null : body.dateTime("expire_time", OPTIONAL);
        String itemId = body.nonEmptyString("item_id", itemIdPresence);
        String listId = endpointList ? ExceptionList.ENDPOINT_LIST_ID : body.nonEmptyString("list_id", REQUIRED);
        ObjectNode meta = body.anyObject("meta", OPTIONAL);
        String name = body.nonEmptyString("name", REQUIRED);
        String namespaceType = endpointList ? NamespaceType.AGNOSTIC.apiName()
                : body.oneOf("namespace_type", OPTIONAL, NamespaceType.NAMES);
        List<String> osTypes = body.oneOfEach("os_types", OPTIONAL, ExceptionList.OS_TYPES);
        List<String> tags = body.nonEmptyStrings("tags", OPTIONAL, 0);
        String type = body.oneOf("type", REQUIRED, ExceptionItem.TYPES);
        problems.throwIfAny();
        return new NewExceptionItem(listId, itemId, name, description, type, entries,
                NamespaceType.named(namespaceType), osTypes == null ? List.of() : osTypes,
                tags == null ? List.of() : tags, comments, expireTime, meta);
    }

    private static List<String> comments(Fields body) {
        List<String> texts = new ArrayList<>();
        List<Fields> comments = body.objects("comments", OPTIONAL, 0);
        if (comments != null) {
            for (Fields comment : comments) {
                texts.add(comment.nonEmptyString("comment", REQUIRED));
            }
        }
        return texts;
    }
}
