package io.opendetection.common.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Body(int count, String name) {
    }

    @Test
    void malformedJsonUsesKibanasWordsAndSaysWhere() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"name\": }"));
        String message = ErrorMappers.describe(e);
        assertTrue(message.startsWith("Invalid request payload JSON format: Unexpected character ('}'"), message);
        assertTrue(message.endsWith(" at line 1, column 10"), message);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"count\": \"many\"}", Body.class));
        assertEquals("[request body]: count: Expected number, received many", ErrorMappers.describe(e));
    }
}
