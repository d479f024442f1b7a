package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.transfer.service.ImportFile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading an import file: what is a list, what is an item, what is reported. */
class ImportFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ImportFile read(String content) {
        return ImportFile.read(new BufferedReader(new StringReader(content)), JSON, 10_000);
    }

    @Test
    void tellsListsFromItemsAndSkipsTheSummaryLine() {
        ImportFile file = read("""
                {"list_id":"l","name":"n","description":"d","type":"detection"}

                {"list_id":"l","item_id":"i","name":"n","description":"d","type":"simple","entries":[],
                "comments":[{"comment":"kept","id":"c1","created_at":"2026-01-01T00:00:00.000Z","created_by":"someone"},{"comment":"new"}]}
                {"exported_exception_list_count":1,"exported_exception_list_item_count":1}
                """.replace(",\n\"comments\"", ",\"comments\""));

        assertEquals(1, file.lists().size());
        assertEquals(1, file.items().size(), file.errors().toString());
        assertEquals("someone", file.items().get(0).comments().get(0).createdBy());
        assertEquals(java.util.List.of("new"), file.items().get(0).item().comments());
        assertEquals(0, file.errors().size());
    }

    @Test
    void theLastOfTwoListsWithOneListIdIsKept() {
        ImportFile file = read("""
                {"list_id":"l","name":"first","description":"d","type":"detection"}
                {"list_id":"l","name":"last","description":"d","type":"detection"}
                """);

        assertEquals("last", file.lists().get(0).name());
        assertEquals("More than one exception list with list_id: \"l\" found in imports. The last list will be used.",
                file.errors().get(0).error().message());
    }

    @Test
    void anImportedListOrItemNeedsItsId() {
        ImportFile file = read("""
                {"name":"n","description":"d","type":"detection"}
                {"list_id":"l","name":"n","description":"d","type":"simple","entries":[{"field":"a","type":"match","operator":"included","value":""}]}
                """);

        assertEquals("list_id: Required", file.errors().get(0).error().message());
        assertEquals("entries.0.value: String must contain at least 1 character(s), entries.0.value: No empty strings allowed,"
                + " item_id: Required", file.errors().get(1).error().message());
    }

    @Test
    void moreThanTenThousandObjectsAreRefused() {
        String lines = IntStream.range(0, 10_001)
                .mapToObj(i -> "{\"list_id\":\"l" + i + "\",\"name\":\"n\",\"description\":\"d\",\"type\":\"detection\"}")
                .collect(Collectors.joining("\n"));

        ApiException refused = assertThrows(ApiException.class, () -> read(lines));
        assertEquals(500, refused.status());
        assertEquals("Can't import more than 10000 exceptions", refused.getMessage());
    }
}
