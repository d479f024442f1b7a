package io.opendetection.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BodyLimitsTest {
    private final BodyLimits limits = new BodyLimits(1_048_576, 524_288_000);

    @Test
    void importsGetTheImportLimit() {
        assertEquals(524_288_000, limits.limitFor("/api/detection_engine/rules/_import"));
        assertEquals(524_288_000, limits.limitFor("/api/exception_lists/_import"));
        assertEquals(524_288_000, limits.limitFor("/api/lists/items/_import"));
    }

    @Test
    void everythingElseGetsTheBodyLimit() {
        assertEquals(1_048_576, limits.limitFor("/api/detection_engine/rules"));
        assertEquals(1_048_576, limits.limitFor("/api/detection_engine/rules/_import_x"));
        assertEquals(1_048_576, limits.limitFor("/api/detection_engine/rules/_export"));
    }
}
