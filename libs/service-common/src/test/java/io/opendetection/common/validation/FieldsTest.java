package io.opendetection.common.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static io.opendetection.common.validation.Presence.NULLISH;
import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The messages are Kibana's (zod's) word for word: clients and Kibana's own tests match on them. */
class FieldsTest {
    // Single quotes keep the bodies below readable.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);
    private static final List<String> SEVERITIES = List.of("low", "high");

    @Test
    void correctValuesAreReadWithoutProblems() {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json("{'name': 'n', 'severity': 'low', 'risk_score': 2.0, 'enabled': false,"
                + " 'tags': ['a'], 'meta': {'k': 1}, 'at': '2024-02-29T10:00:00.123Z', 'any': [1, 'x']}"), problems);

        assertEquals("n", body.nonEmptyString("name", REQUIRED));
        assertEquals("low", body.oneOf("severity", REQUIRED, SEVERITIES));
        assertEquals(2L, body.integer("risk_score", REQUIRED, 0, 100));
        assertEquals(false, body.bool("enabled", OPTIONAL));
        assertEquals(List.of("a"), body.strings("tags", OPTIONAL));
        assertEquals(json("{'k': 1}"), body.anyObject("meta", OPTIONAL));
        assertEquals("2024-02-29T10:00:00.123Z", body.dateTime("at", OPTIONAL));
        assertEquals(List.of(json("1"), json("'x'")), body.anyArray("any", OPTIONAL));
        assertNull(body.string("absent", OPTIONAL));
        assertDoesNotThrow(problems::throwIfAny);
    }

    @Test
    void everyMissingRequiredFieldIsNamed() {
        assertEquals("[request body]: name: Required, risk_score: Required, tags: Required",
                problemsOf("{}", body -> {
                    body.string("name", REQUIRED);
                    body.string("description", OPTIONAL);
                    body.integer("risk_score", REQUIRED, 0, 100);
                    body.strings("tags", REQUIRED);
                }));
    }

    @Test
    void wrongTypesAreNamedAsZodNamesThem() {
        assertEquals("[request body]: a: Expected string, received number, b: Expected number, received string,"
                        + " c: Expected boolean, received null, d: Expected object, received array,"
                        + " e: Expected array, received object, f: Expected string, received boolean",
                problemsOf("{'a': 1, 'b': '1', 'c': null, 'd': [], 'e': {}, 'f': true}", body -> {
                    body.string("a", REQUIRED);
                    body.integer("b", REQUIRED, 0, 9);
                    body.bool("c", OPTIONAL);
                    body.anyObject("d", OPTIONAL);
                    body.strings("e", OPTIONAL);
                    body.string("f", OPTIONAL);
                }));
    }

    @Test
    void onlyANullishFieldTakesNullForLeftOut() {
        Problems problems = Problems.inBody();
        Fields body = Fields.of(json("{'a': null, 'b': null}"), problems);

        assertNull(body.string("a", NULLISH));
        assertNull(body.string("b", OPTIONAL));
        assertEquals("[request body]: b: Expected string, received null",
                assertThrows(ApiException.class, problems::throwIfAny).getMessage());
    }

    @Test
    void aPartThatIsNotAnObjectFailsAtOnce() {
        assertEquals("[request body]: Expected object, received array",
                assertThrows(ApiException.class, () -> Fields.of(json("[]"), Problems.inBody())).getMessage());
        assertEquals("[request body]: Expected object, received null",
                assertThrows(ApiException.class, () -> Fields.of(null, Problems.inBody())).getMessage());
    }

    @Test
    void emptyAndBlankStrings() {
        assertEquals("[request body]: a: String must contain at least 1 character(s), a: No empty strings allowed,"
                        + " b: No empty strings allowed, c: String must contain at least 1 character(s)",
                problemsOf("{'a': '', 'b': ' ', 'c': '', 'd': ''}", body -> {
                    body.nonEmptyString("a", REQUIRED);
                    body.nonEmptyString("b", REQUIRED);
                    body.string("c", REQUIRED, 1);
                    body.string("d", REQUIRED);
                }));
    }

    @Test
    void integersAreWholeAndWithinBounds() {
        assertEquals("[request body]: a: Expected integer, received float,"
                        + " b: Number must be greater than or equal to 1, c: Number must be less than or equal to 100",
                problemsOf("{'a': 1.5, 'b': 0, 'c': 101}", body -> {
                    body.integer("a", REQUIRED, 0, 100);
                    body.integer("b", REQUIRED, 1, 100);
                    body.integer("c", REQUIRED, 1, 100);
                }));
    }

    @Test
    void enumsNameTheAllowedValues() {
        assertEquals("[request body]: a: Invalid enum value. Expected 'low' | 'high', received 'mid',"
                        + " b: Expected 'low' | 'high', received number",
                problemsOf("{'a': 'mid', 'b': 3}", body -> {
                    body.oneOf("a", REQUIRED, SEVERITIES);
                    body.oneOf("b", REQUIRED, SEVERITIES);
                }));
    }

    @Test
    void anUnknownOrMissingDiscriminator() {
        assertEquals("[request body]: type: Invalid discriminator value. Expected 'match' | 'exists'",
                problemsOf("{'type': 'regex'}", body -> body.discriminator("type", List.of("match", "exists"))));
        assertEquals("[request body]: type: Invalid discriminator value. Expected 'match' | 'exists'",
                problemsOf("{}", body -> body.discriminator("type", List.of("match", "exists"))));
    }

    @Test
    void nestedProblemsAreNamedByTheirPath() {
        assertEquals("[request body]: entries.1: Expected object, received string, entries.0.field: Required,"
                        + " threshold.value: Required",
                problemsOf("{'entries': [{}, 'x'], 'threshold': {}}", body -> {
                    body.objects("entries", REQUIRED, 0).forEach(entry -> entry.string("field", REQUIRED));
                    body.object("threshold", REQUIRED).integer("value", REQUIRED, 1, 9);
                }));
    }

    @Test
    void arraysAreCountedAndEachElementChecked() {
        assertEquals("[request body]: a: Array must contain at least 1 element(s),"
                        + " b: Array must contain at most 2 element(s), c.1: Expected string, received number,"
                        + " d.0: String must contain at least 1 character(s), d.0: No empty strings allowed",
                problemsOf("{'a': [], 'b': [1, 2, 3], 'c': ['x', 1], 'd': ['']}", body -> {
                    body.strings("a", REQUIRED, 1, 2);
                    body.anyArray("b", REQUIRED, 1, 2);
                    body.strings("c", REQUIRED);
                    body.nonEmptyStrings("d", REQUIRED, 0);
                }));
    }

    @Test
    void dateTimesAreUtcAndReal() {
        assertEquals("[request body]: a: Invalid datetime, b: Invalid datetime",
                problemsOf("{'a': '2024-01-01T00:00:00+01:00', 'b': '2024-02-30T00:00:00Z'}", body -> {
                    body.dateTime("a", REQUIRED);
                    body.dateTime("b", REQUIRED);
                }));
    }

    /** The message the problems found while reading {@code body} fail the request with. */
    private static String problemsOf(String body, Consumer<Fields> read) {
        Problems problems = Problems.inBody();
        read.accept(Fields.of(json(body), problems));
        return assertThrows(ApiException.class, problems::throwIfAny).getMessage();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
