package io.opendetection.gateway.status;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReportTest {
    private static final ComponentStatus UP = new ComponentStatus(Level.AVAILABLE, "fine", null);
    private static final ComponentStatus DOWN = new ComponentStatus(Level.UNAVAILABLE, "gone", null);

    @Test
    void everythingUpIsAvailable() {
        StatusReport report = StatusReport.of("1.0", components(UP, UP, UP, UP, UP));

        assertTrue(report.available());
        assertEquals("All services are available", report.status().overall().summary());
        assertEquals("opendetection", report.name());
        assertEquals("1.0", report.version().number());
    }

    @Test
    void someServicesDownIsDegraded() {
        StatusReport report = StatusReport.of("1.0", components(UP, UP, DOWN, UP, DOWN));

        assertFalse(report.available());
        assertEquals(Level.DEGRADED, report.status().overall().level());
        assertEquals("2 of 4 services are unavailable: alert-service, lists-service",
                report.status().overall().summary());
    }

    @Test
    void everyServiceOrTheGatewayDownIsUnavailable() {
        assertEquals(Level.UNAVAILABLE,
                StatusReport.of("1.0", components(UP, DOWN, DOWN, DOWN, DOWN)).status().overall().level());
        assertEquals(Level.UNAVAILABLE,
                StatusReport.of("1.0", components(DOWN, UP, UP, UP, UP)).status().overall().level());
    }

    private static Map<String, ComponentStatus> components(ComponentStatus gateway, ComponentStatus rules,
                                                           ComponentStatus alerts, ComponentStatus exceptions,
                                                           ComponentStatus lists) {
        Map<String, ComponentStatus> components = new LinkedHashMap<>();
        components.put("gateway", gateway);
        components.put("rule-service", rules);
        components.put("alert-service", alerts);
        components.put("exceptions-service", exceptions);
        components.put("lists-service", lists);
        return components;
    }
}
