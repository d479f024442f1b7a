package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.errors.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatusRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void byIdsSelectsTheIdsOnceAndAbortsOnConflict() {
        StatusRequest request = StatusRequest.read(parse(
                "{\"signal_ids\":[\"a\",\"b\",\"a\"],\"status\":\"closed\",\"reason\":\"false_positive\"}"));
        assertEquals(parse("{\"ids\":{\"values\":[\"a\",\"b\"]}}"), request.selection().query());
        assertEquals("false_positive", request.reason());
        assertEquals(Conflicts.ABORT, request.conflicts());
    }

    @Test
    void aReasonCountsOnlyForClosing() {
        assertNull(StatusRequest.read(parse("{\"signal_ids\":[\"a\"],\"status\":\"open\",\"reason\":\"other\"}")).reason());
    }

    @Test
    void byQueryTakesConflictsAndTurnsRuntimeFieldsIntoScriptlessRuntimeMappings() {
        StatusRequest request = StatusRequest.read(parse("""
                {"query":{"match_all":{}},"status":"closed","conflicts":"proceed",
                 "runtime_fields":{"custom.field":"keyword"},
                 "runtime_mappings":{"rt":{"type":"long","script":{"source":"emit(1)"},"ignored":true}}}"""));
        assertEquals(Conflicts.PROCEED, request.conflicts());
        assertEquals(parse("""
                {"rt":{"type":"long","script":{"source":"emit(1)"},"on_script_error":"continue"},
                 "custom.field":{"type":"keyword"}}"""), request.selection().runtimeMappings());
    }

    @Test
    void badRuntimeFieldsNameTheirPlace() {
        ApiException e = assertThrows(ApiException.class, () -> StatusRequest.read(parse(
                "{\"query\":{},\"status\":\"open\",\"runtime_fields\":{\"f\":\"text\"},\"runtime_mappings\":{\"g\":{}}}")));
        assertEquals("[request body]: runtime_mappings.g.type: Required, runtime_fields.f: Invalid enum value."
                + " Expected 'keyword' | 'long' | 'double' | 'date' | 'ip' | 'boolean' | 'geo_point', received 'text'",
                e.getMessage());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
