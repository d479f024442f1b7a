package io.opendetection.gateway.space;

import io.opendetection.gateway.http.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpacePathTest {

    @Test
    void aBarePathAddressesTheDefaultSpace() {
        assertEquals(new SpacePath("default", "/api/detection_engine/rules"),
                SpacePath.parse("/api/detection_engine/rules"));
    }

    @Test
    void aSpacePrefixNamesTheSpaceAndIsRemoved() {
        assertEquals(new SpacePath("marketing", "/api/detection_engine/rules/_find"),
                SpacePath.parse("/s/marketing/api/detection_engine/rules/_find"));
        assertEquals(new SpacePath("team_a-2", "/api/lists"), SpacePath.parse("/s/team_a-2/api/lists"));
    }

    @Test
    void aSpaceWithoutAPathLeavesTheRoot() {
        assertEquals(new SpacePath("foo", "/"), SpacePath.parse("/s/foo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/s/Marketing/api/lists", "/s/a.b/api/lists", "/s//api/lists", "/s/caf%C3%A9/api/lists",
            "/s/a b/api/lists"})
    void aSpaceIdOutsideKibanasAlphabetIsRejected(String path) {
        Rejection rejection = assertThrows(Rejection.class, () -> SpacePath.parse(path));

        assertEquals(400, rejection.status());
        String space = path.substring(3, path.indexOf('/', 3));
        assertTrue(rejection.getMessage().contains("\"" + space + "\""), rejection.getMessage());
        assertTrue(rejection.getMessage().contains("a-z"), rejection.getMessage());
    }
}
