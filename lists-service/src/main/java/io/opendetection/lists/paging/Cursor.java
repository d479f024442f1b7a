package io.opendetection.lists.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.opendetection.common.errors.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kibana's opaque paging cursor: base64 of {@code [index]} or {@code [index, searchAfter]}, where
 * index is the position of the first item of the next page and searchAfter the sort values of
 * the last item of this one. A cursor pointing exactly at the requested page resumes there;
 * any other valid cursor leaves the page to be found by position, as Kibana scrolls to it.
 */
public record Cursor(long index, List<String> searchAfter) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Cursor decode(String cursor, int page, int perPage, String sortField) {
        if (cursor == null) {
            return new Cursor(0, List.of());
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(new String(Base64.getDecoder().decode(cursor.strip()), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw ApiException.badRequest("Error parsing JSON from base64 encoded cursor");
        }
        if (parsed == null || !parsed.isArray() || parsed.size() < 1 || parsed.size() > 2 || !parsed.get(0).isNumber()
                || (parsed.size() == 2 && !strings(parsed.get(1)))) {
            throw ApiException.badRequest("Error decoding cursor structure");
        }
        long index = parsed.get(0).asLong();
        long start = (long) (page - 1) * perPage;
        if (index < 0) {
            throw ApiException.badRequest("index of cursor cannot be less 0");
        }
        if (index > start) {
            throw ApiException.badRequest("index: " + index + " of cursor cannot be greater than the start page index: " + start);
        }
        List<String> searchAfter = new ArrayList<>();
        if (parsed.size() == 2) {
            parsed.get(1).forEach(value -> searchAfter.add(value.asText()));
        }
        if (searchAfter.size() > 1 && sortField == null) {
            throw ApiException.badRequest("");
        }
        return new Cursor(index, searchAfter);
    }

    /** The cursor of a page; {@code lastSortValues} null when the page was empty. */
    public static String encode(int page, int perPage, List<String> lastSortValues) {
        ArrayNode cursor = JsonNodeFactory.instance.arrayNode();
        if (lastSortValues == null) {
            cursor.add(0);
        } else {
            cursor.add((long) page * perPage);
            ArrayNode after = cursor.addArray();
            lastSortValues.forEach(after::add);
        }
        return Base64.getEncoder().encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this cursor says where the requested page starts, so it can resume after its sort values. */
    public boolean resumes(long startIndex, boolean sorted) {
        return index == startIndex && startIndex > 0 && searchAfter.size() == (sorted ? 2 : 1);
    }

    private static boolean strings(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
