package io.opendetection.common.validation;

import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProblemsTest {

    @Test
    void nothingFoundIsNoError() {
        assertDoesNotThrow(Problems.inBody()::throwIfAny);
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderFound() {
        Problems problems = Problems.inBody();
        problems.add("name", "Required");
        problems.add("tags.0", "Expected string, received number");

        ApiException error = assertThrows(ApiException.class, problems::throwIfAny);

        assertEquals(400, error.status());
        assertEquals("[request body]: name: Required, tags.0: Expected string, received number", error.getMessage());
    }

    @Test
    void aProblemWithTheWholePartHasNoPath() {
        Problems problems = Problems.inQuery();
        problems.add("", "Expected object, received null");

        assertEquals("[request query]: Expected object, received null",
                assertThrows(ApiException.class, problems::throwIfAny).getMessage());
    }
}
