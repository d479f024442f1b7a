package io.opendetection.exceptions.transfer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.validation.Presence;
import io.opendetection.exceptions.item.rest.CreateExceptionItemBody;
import io.opendetection.exceptions.item.service.ItemComment;
import io.opendetection.exceptions.item.service.NewExceptionItem;
import io.opendetection.exceptions.list.rest.CreateExceptionListBody;
import io.opendetection.exceptions.list.service.NewExceptionList;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of an import file (NDJSON, read line by line): lists and items (an object with
 * {@code entries} is an item), each validated as a create request is, duplicates within the file
 * reduced to the last one, and the export's summary line left out. What cannot be imported is an
 * {@link ImportError} naming the object, never a failure of the whole import.
 */
public final class ImportFile {
    private static final String REQUEST_BODY = "[request body]: ";

    private final Map<String, NewExceptionList> lists = new LinkedHashMap<>();
    private final Map<String, ImportedItem> items = new LinkedHashMap<>();
    private final List<ImportError> errors = new ArrayList<>();
    private int objects;

    /** An item line: the create request, and the comments it carried whole (as an export writes them). */
    public record ImportedItem(NewExceptionItem item, List<ItemComment> comments) {
    }

    private final int maxObjects;

    private ImportFile(int maxObjects) {
        this.maxObjects = maxObjects;
    }

    /** Reads an import; more than {@code maxObjects} lists and items is refused before anything is stored. */
    public static ImportFile read(BufferedReader lines, ObjectMapper json, int maxObjects) {
        ImportFile file = new ImportFile(maxObjects);
        try {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    file.add(number, line, json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public List<NewExceptionList> lists() {
        return List.copyOf(lists.values());
    }

    public List<ImportedItem> items() {
        return List.copyOf(items.values());
    }

    public List<ImportError> errors() {
        return errors;
    }

    private void add(int number, String line, ObjectMapper json) {
        JsonNode object;
        try {
            object = json.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(new ImportError(new ImportError.Reason("line " + number + " is not JSON: "
                    + e.getOriginalMessage(), 400), null, null));
            return;
        }
        if (object.has("exported_exception_list_count")) {
            return;
        }
        if (++objects > maxObjects) {
            throw ApiException.siem(500, "Can't import more than " + maxObjects + " exceptions");
        }
        if (object.isObject() && object.has("entries")) {
            addItem(object);
        } else {
            addList(object);
        }
    }

    private void addList(JsonNode object) {
        String listId = object.path("list_id").isTextual() ? object.get("list_id").asText() : null;
        NewExceptionList list;
        try {
            list = CreateExceptionListBody.read(object, Presence.REQUIRED);
        } catch (ApiException invalid) {
            errors.add(ImportError.ofList(listId, 400, withoutPart(invalid)));
            return;
        }
        if (lists.remove(list.listId()) != null) {
            errors.add(ImportError.ofList(list.listId(), 400, "More than one exception list with list_id: \""
                    + list.listId() + "\" found in imports. The last list will be used."));
        }
        lists.put(list.listId(), list);
    }

    private void addItem(JsonNode object) {
        String itemId = object.path("item_id").isTextual() ? object.get("item_id").asText() : null;
        String listId = object.path("list_id").isTextual() ? object.get("list_id").asText() : null;
        NewExceptionItem item;
        try {
            item = CreateExceptionItemBody.read(object, Presence.REQUIRED);
        } catch (ApiException invalid) {
            errors.add(ImportError.ofItem(itemId, listId, 400, withoutPart(invalid)));
            return;
        }
        // Comments exported whole keep their ids, authors and times; bare ones are new.
        List<ItemComment> kept = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        JsonNode comments = object.path("comments");
        for (int i = 0; i < comments.size(); i++) {
            JsonNode comment = comments.get(i);
            if (comment.path("id").isTextual() && comment.path("created_at").isTextual()
                    && comment.path("created_by").isTextual()) {
                kept.add(new ItemComment(comment.get("comment").asText(), comment.get("created_at").asText(),
                        comment.get("created_by").asText(), comment.get("id").asText(),
                        comment.path("updated_at").isTextual() ? comment.get("updated_at").asText() : null,
                        comment.path("updated_by").isTextual() ? comment.get("updated_by").asText() : null));
            } else {
                fresh.add(comment.get("comment").asText());
            }
        }
        NewExceptionItem withFreshComments = new NewExceptionItem(item.listId(), item.itemId(), item.name(),
                item.description(), item.type(), item.entries(), item.namespaceType(), item.osTypes(), item.tags(),
                fresh, item.expireTime(), item.meta());
        String key = item.namespaceType().apiName() + "/" + item.itemId();
        if (items.remove(key) != null) {
            errors.add(ImportError.ofItem(item.itemId(), item.listId(), 400,
                    "More than one exception list item with item_id: \"" + item.itemId()
                            + "\" found in imports. The last item will be used."));
        }
        items.put(key, new ImportedItem(withFreshComments, kept));
    }

    private static String withoutPart(ApiException invalid) {
        String message = invalid.getMessage();
        return message.startsWith(REQUEST_BODY) ? message.substring(REQUEST_BODY.length()) : message;
    }
}
