package io.opendetection.gateway.authz;

import io.opendetection.gateway.routing.RouteTable;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutePrivilegesTest {
    private static final Path ROUTES = Path.of("..", "..", "shared", "reference", "ROUTES.md");
    private static final Pattern ROW = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|");

    @Test
    void everyRouteOfKibanasApiHasItsOwnRow() throws IOException {
        Path routes = ROUTES.toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.exists(routes),
                "skipped: the shared reference " + routes + " is absent beside this checkout");
        int checked = 0;
        for (String line : Files.readAllLines(routes)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                String path = row.group(2).replace("{id}", "3f1c9d52-5b8e-4c7a-9a43-0e8f1b2c3d4e");
                assertTrue(RoutePrivileges.explicit(HttpMethod.valueOf(row.group(1)), path).isPresent(),
                        row.group(1) + " " + row.group(2) + " has no row in RoutePrivileges");
                checked++;
            }
        }
        for (String route : RoutePrivileges.BEYOND_ROUTES_MD) {
            String[] methodAndPath = route.split(" ");
            assertTrue(RoutePrivileges.table().stream().anyMatch(entry -> entry.method().name().equals(methodAndPath[0])
                    && entry.pattern().equals(methodAndPath[1])), route + " has no row in RoutePrivileges");
        }
        assertEquals(RoutePrivileges.table().size(), checked + RoutePrivileges.BEYOND_ROUTES_MD.size(),
                "the table has exactly the routes of ROUTES.md and those named beyond it");
    }

    @Test
    void everyRowIsServedAndUnique() {
        Set<String> seen = new HashSet<>();
        for (RoutePrivileges.Entry entry : RoutePrivileges.table()) {
            assertTrue(seen.add(entry.method() + " " + entry.pattern()), "duplicate " + entry);
            assertTrue(RouteTable.serviceFor(entry.pattern()).isPresent(), "no service for " + entry.pattern());
        }
    }

    @Test
    void readsNeedReadAndChangesNeedAllSaveTheDocumentedExceptions() {
        assertEquals("rules-read", need("GET", "/api/detection_engine/rules/_find"));
        assertEquals("alerts-all", need("POST", "/api/detection_engine/signals/status"));
        assertEquals("exceptions-read", need("POST", "/api/exception_lists/_export"));
        assertEquals("lists-read", need("POST", "/api/lists/items/_export"));
        assertEquals("alerts-read", need("GET", "/api/detection_engine/index"));
        assertEquals("exceptions-all", need("POST", "/api/detection_engine/rules/abc/exceptions"));
        assertEquals("rules-read,alerts-read,exceptions-read,lists-read", need("GET", "/api/detection_engine/privileges"));
        assertEquals("rules-read", need("HEAD", "/api/detection_engine/rules"));
        assertEquals("rules-all", need("POST", "/api/alerting/rule/abc/_update_api_key"));
    }

    @Test
    void aRouteNotInTheTableFallsBackToItsAreaByMethod() {
        assertEquals("rules-all", need("POST", "/api/detection_engine/rules/some/new/route"));
        assertEquals("alerts-read", need("GET", "/api/detection_engine/signals/anything"));
        assertEquals("lists-all", need("DELETE", "/api/lists/whatever"));
        assertEquals("rules-read", need("GET", "/api/alerting/rule/abc"));
        assertTrue(RoutePrivileges.requirementFor(HttpMethod.GET, "/api/status").isEmpty());
        assertTrue(RoutePrivileges.explicit(HttpMethod.GET, "/api/detection_engine/rules/x/exceptions").isEmpty());
        assertTrue(RoutePrivileges.explicit(HttpMethod.POST, "/api/detection_engine/rules//exceptions").isEmpty());
    }

    private static String need(String method, String path) {
        return RoutePrivileges.requirementFor(HttpMethod.valueOf(method), path).orElseThrow().kibanaNames();
    }

}
