package io.opendetection.common.validation;

import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opendetection.common.validation.Presence.OPTIONAL;
import static io.opendetection.common.validation.Presence.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryObjectTest {

    @Test
    void parametersReadLikeABody() {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("id", "abc").text("list_id", null)
                .array("namespace_type", "single,agnostic").fields(problems);

        assertEquals("abc", query.nonEmptyString("id", REQUIRED));
        assertNull(query.nonEmptyString("list_id", OPTIONAL));
        assertEquals(List.of("single", "agnostic"),
                query.oneOfEach("namespace_type", OPTIONAL, List.of("agnostic", "single")));
    }

    @Test
    void problemsNameTheQueryAndTheArrayElement() {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().text("id", " ").array("namespace_type", "blob").fields(problems);
        query.nonEmptyString("id", REQUIRED);
        query.oneOfEach("namespace_type", OPTIONAL, List.of("agnostic", "single"));

        assertEquals("[request query]: id: No empty strings allowed,"
                        + " namespace_type.0: Invalid enum value. Expected 'agnostic' | 'single', received 'blob'",
                assertThrows(ApiException.class, problems::throwIfAny).getMessage());
    }

    @Test
    void anEmptyElementOfACommaSeparatedArrayIsKept() {
        Problems problems = Problems.inQuery();
        Fields query = new QueryObject().array("tags", "a,").fields(problems);

        assertEquals(List.of("a", ""), query.strings("tags", REQUIRED));
    }
}
