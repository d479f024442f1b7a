package io.opendetection.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    @ParameterizedTest
    @CsvSource({
            "/api/detection_engine/rules, RULE_SERVICE",
            "/api/detection_engine/rules/_find, RULE_SERVICE",
            "/api/detection_engine/rules/_import, RULE_SERVICE",
            "/api/detection_engine/rules/prepackaged/_status, RULE_SERVICE",
            "/api/detection_engine/rules/3a1f/exceptions, RULE_SERVICE",
            "/api/detection_engine/tags, RULE_SERVICE",
            "/api/detection_engine/privileges, RULE_SERVICE",
            "/api/alerting/rule/3a1f/_update_api_key, RULE_SERVICE",
            "/api/detection_engine/signals/search, ALERT_SERVICE",
            "/api/detection_engine/signals/migration_status, ALERT_SERVICE",
            "/api/detection_engine/index, ALERT_SERVICE",
            "/api/exception_lists, EXCEPTIONS_SERVICE",
            "/api/exception_lists/items/_find, EXCEPTIONS_SERVICE",
            "/api/endpoint_list, EXCEPTIONS_SERVICE",
            "/api/endpoint_list/items, EXCEPTIONS_SERVICE",
            "/api/exceptions/shared, EXCEPTIONS_SERVICE",
            "/api/lists, LISTS_SERVICE",
            "/api/lists/items/_import, LISTS_SERVICE",
            "/api/lists/privileges, LISTS_SERVICE"})
    void routesEachPublicPathToItsService(String path, Service service) {
        assertEquals(service, RouteTable.serviceFor(path).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/status", "/api/detection_engine", "/api/detection_engine/rulesx",
            "/api/detection_engine/signals", "/api/detection_engine/tags/x", "/api/detection_engine/index/x",
            "/api/exception_listsx", "/api/exceptions", "/api/exceptions/shared/x", "/api/listsx",
            "/api/saved_objects/_find", "/app/security", "/api/alerting/rule", "/api/alerting/rules/_find"})
    void routesNothingElse(String path) {
        assertTrue(RouteTable.serviceFor(path).isEmpty(), path);
    }
}
