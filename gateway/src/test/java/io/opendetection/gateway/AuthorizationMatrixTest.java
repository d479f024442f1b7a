package io.opendetection.gateway;

import io.opendetection.gateway.authz.Level;
import io.opendetection.gateway.authz.RoutePrivileges;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.opendetection.gateway.SecurityFixtures.as;
import static io.opendetection.gateway.SecurityFixtures.asAdmin;
import static io.opendetection.gateway.SecurityFixtures.createKey;
import static io.opendetection.gateway.SecurityFixtures.putRole;
import static io.opendetection.gateway.SecurityFixtures.putUser;
import static io.opendetection.gateway.SecurityFixtures.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the privilege table (so a route added there is tested here) × every kind of caller,
 * against the status each must get: the stand-in services answer 200 whatever reaches them.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres"))
@WithTestResource(StandInServices.class)
class AuthorizationMatrixTest {
    private static final String ID = "3f1c9d52-5b8e-4c7a-9a43-0e8f1b2c3d4e";
    private static final String PASSWORD = "matrix-password";

    private static String expiredKey;
    private static String invalidatedKey;
    private static String readOnlyKey;

    /** Once, with the application listening (RestAssured knows its port only per test). */
    @BeforeEach
    void callers() throws InterruptedException {
        if (readOnlyKey != null) {
            return;
        }
        putRole("matrix_reader", "read", List.of("*"), List.of("manage_own_api_key"));
        putRole("matrix_space_a", "all", List.of("space-a"), List.of());
        putRole("matrix_author", "all", List.of("*"), List.of("manage_own_api_key"));
        putUser("matrix_reader", PASSWORD, List.of("matrix_reader"));
        putUser("matrix_space_a", PASSWORD, List.of("matrix_space_a"));
        putUser("matrix_author", PASSWORD, List.of("matrix_author"));
        RequestSpecification author = as("matrix_author", PASSWORD);
        expiredKey = createKey(author, Map.of("name", "matrix-expired", "expiration", "1ms"));
        invalidatedKey = createKey(as("matrix_author", PASSWORD), Map.of("name", "matrix-invalidated"));
        readOnlyKey = createKey(as("matrix_author", PASSWORD), Map.of("name", "matrix-read-only",
                "role_descriptors", Map.of("read_only", Map.of("applications", List.of(Map.of(
                        "application", "kibana-.kibana", "privileges", List.of("feature_siem.read"),
                        "resources", List.of("*")))))));
        as("matrix_author", PASSWORD).body(Map.of("name", "matrix-invalidated"))
                .delete("/api/security/api_key").then().statusCode(200);
        Thread.sleep(5);
    }

    @Test
    void everyRouteTimesEveryCaller() {
        List<String> wrong = new ArrayList<>();
        for (RoutePrivileges.Entry route : RoutePrivileges.table()) {
            String path = route.pattern().replace("{id}", ID);
            String method = route.method().name();
            boolean writes = route.requirement().anyOf().stream().allMatch(needed -> needed.level() == Level.ALL);
            expect(wrong, route, "no credentials", 401, () -> given().header("kbn-xsrf", "true"), method, path);
            expect(wrong, route, "wrong password", 401, () -> as("matrix_author", "not-the-password"), method, path);
            expect(wrong, route, "expired key", 401, () -> withKey(expiredKey), method, path);
            expect(wrong, route, "invalidated key", 401, () -> withKey(invalidatedKey), method, path);
            expect(wrong, route, "read-only role", writes ? 403 : 200, () -> as("matrix_reader", PASSWORD), method, path);
            expect(wrong, route, "read-only API key", writes ? 403 : 200, () -> withKey(readOnlyKey), method, path);
            expect(wrong, route, "other space", 403, () -> as("matrix_space_a", PASSWORD), method, "/s/space-b" + path);
            expect(wrong, route, "default space, privileges in space-a only", 403,
                    () -> as("matrix_space_a", PASSWORD), method, path);
            expect(wrong, route, "own space", 200, () -> as("matrix_space_a", PASSWORD), method, "/s/space-a" + path);
            expect(wrong, route, "superuser", 200, SecurityFixtures::asAdmin, method, "/s/space-b" + path);
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aRefusalIsKibanasForbiddenNamingTheRouteAndThePrivilege() {
        as("matrix_reader", PASSWORD).body("{}")
                .post("/api/detection_engine/rules?dry_run=true")
                .then().statusCode(403)
                .body("statusCode", equalTo(403))
                .body("error", equalTo("Forbidden"))
                .body("message", equalTo("API [POST /api/detection_engine/rules?dry_run=true] "
                        + "is unauthorized for user, this action is granted by the Kibana privileges [rules-all]"));
        as("matrix_space_a", PASSWORD).get("/s/space-b/api/lists?id=ip_list")
                .then().statusCode(403)
                .body("message", equalTo("API [GET /api/lists?id=ip_list] is unauthorized "
                        + "for user, this action is granted by the Kibana privileges [lists-read]"));
    }

    @Test
    void routesNotInTheTableFallBackToTheirAreaAndUnknownRoutesStay404() {
        as("matrix_reader", PASSWORD).get("/api/detection_engine/rules/some_new_read").then().statusCode(200);
        as("matrix_reader", PASSWORD).post("/api/detection_engine/rules/some_new_change").then().statusCode(403);
        as("matrix_reader", PASSWORD).get("/api/nothing").then().statusCode(404);
        asAdmin().get("/api/status").then().statusCode(200);
        as("matrix_reader", PASSWORD).get("/api/status").then().statusCode(200);
    }

    private static void expect(List<String> wrong, RoutePrivileges.Entry route, String caller, int status,
                               Supplier<RequestSpecification> request, String method, String path) {
        int actual = request.get().request(method, path).then().extract().statusCode();
        if (actual != status) {
            wrong.add(route.method() + " " + route.pattern() + " as " + caller + ": expected " + status + ", got "
                    + actual);
        }
    }
}
