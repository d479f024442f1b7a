package io.opendetection.e2e;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Users, roles, API keys and spaces through the real system: the gateway decides, the real
 * services answer what it lets through.
 */
@ExtendWith(SystemUnderTest.class)
class SecurityE2eTest {
    private static final String PASSWORD = "e2e-analyst-password";

    @Test
    void b17_aReadOnlyAnalystReadsRulesButCannotCreateThem() {
        String suffix = suffix();
        putRole("t1_analyst_" + suffix, "read", List.of("*"));
        putUser("analyst_" + suffix, List.of("t1_analyst_" + suffix));
        String ruleId = "e2e-security-" + suffix;
        Gateway.asAdmin().contentType("application/json").body(rule(ruleId)).post("/api/detection_engine/rules")
                .then().statusCode(200);

        as("analyst_" + suffix).get("/api/detection_engine/rules?rule_id=" + ruleId)
                .then().statusCode(200).body("rule_id", equalTo(ruleId));
        as("analyst_" + suffix).body(rule("e2e-denied-" + suffix)).post("/api/detection_engine/rules")
                .then().statusCode(403)
                .body("statusCode", equalTo(403))
                .body("error", equalTo("Forbidden"))
                .body("message", equalTo("API [POST /api/detection_engine/rules] is unauthorized for user, "
                        + "this action is granted by the Kibana privileges [rules-all]"));
        Gateway.asAdmin().get("/api/detection_engine/rules?rule_id=e2e-denied-" + suffix).then().statusCode(404);
    }

    @Test
    void anApiKeyActsAsItsOwnerNarrowedByItsDescriptorsUntilInvalidated() {
        String suffix = suffix();
        Response created = Gateway.asAdmin().contentType("application/json")
                .body(Map.of("name", "e2e-" + suffix, "expiration", "1h"))
                .post("/api/security/api_key");
        assertEquals(200, created.statusCode(), created.asString());
        String key = created.jsonPath().getString("encoded");
        String ruleId = "e2e-key-" + suffix;
        withKey(key).body(rule(ruleId)).post("/api/detection_engine/rules")
                .then().statusCode(200).body("created_by", equalTo("elastic"));

        String readOnly = Gateway.asAdmin().contentType("application/json")
                .body(Map.of("name", "e2e-read-" + suffix, "role_descriptors", Map.of("read", Map.of(
                        "applications", List.of(Map.of("application", "kibana-.kibana",
                                "privileges", List.of("feature_siem.read"), "resources", List.of("*")))))))
                .post("/api/security/api_key").then().statusCode(200).extract().jsonPath().getString("encoded");
        withKey(readOnly).get("/api/detection_engine/rules?rule_id=" + ruleId).then().statusCode(200);
        withKey(readOnly).body(rule("e2e-key-denied-" + suffix)).post("/api/detection_engine/rules")
                .then().statusCode(403);

        Gateway.asAdmin().contentType("application/json").body(Map.of("name", "e2e-" + suffix))
                .delete("/api/security/api_key")
                .then().statusCode(200)
                .body("invalidated_api_keys", equalTo(List.of(created.jsonPath().getString("id"))));
        withKey(key).get("/api/detection_engine/rules?rule_id=" + ruleId).then().statusCode(401);
    }

    @Test
    void b146_aUserWithoutPrivilegesInASpaceGets403ThereNotTheData() {
        String suffix = suffix();
        String space = "e2e-a-" + suffix;
        putRole("space_author_" + suffix, "all", List.of(space));
        putUser("space_author_" + suffix, List.of("space_author_" + suffix));
        String ruleId = "e2e-space-" + suffix;
        as("space_author_" + suffix).body(rule(ruleId)).post("/s/" + space + "/api/detection_engine/rules")
                .then().statusCode(200);
        as("space_author_" + suffix).get("/s/" + space + "/api/detection_engine/rules?rule_id=" + ruleId)
                .then().statusCode(200);
        as("space_author_" + suffix).get("/s/e2e-b-" + suffix + "/api/detection_engine/rules?rule_id=" + ruleId)
                .then().statusCode(403);
        as("space_author_" + suffix).get("/api/detection_engine/rules?rule_id=" + ruleId).then().statusCode(403);
        // the rule lives in its space only
        Gateway.asAdmin().get("/api/detection_engine/rules?rule_id=" + ruleId).then().statusCode(404);
    }

    @Test
    void onlyAnAdministratorManagesSecurity() {
        String suffix = suffix();
        putRole("no_admin_" + suffix, "all", List.of("*"));
        putUser("no_admin_" + suffix, List.of("no_admin_" + suffix));
        as("no_admin_" + suffix).get("/api/security/role").then().statusCode(403);
        as("no_admin_" + suffix).body(Map.of("password", "changed-password", "roles", List.of("superuser")))
                .put("/api/security/users/no_admin_" + suffix).then().statusCode(403);
        Gateway.asAdmin().get("/api/security/users/no_admin_" + suffix)
                .then().statusCode(200).body("roles", equalTo(List.of("no_admin_" + suffix)));
    }

    private static void putRole(String name, String privilege, List<String> spaces) {
        Gateway.asAdmin().contentType("application/json")
                .body(Map.of("elasticsearch", Map.of("cluster", List.of(), "indices",
                                List.of(Map.of("names", List.of("logs-*"), "privileges", List.of("read")))),
                        "kibana", List.of(Map.of("feature", Map.of("siem", List.of(privilege)), "spaces", spaces))))
                .put("/api/security/role/" + name)
                .then().statusCode(204);
    }

    private static void putUser(String username, List<String> roles) {
        Gateway.asAdmin().contentType("application/json").body(Map.of("password", PASSWORD, "roles", roles))
                .put("/api/security/users/" + username)
                .then().statusCode(200).body("created", equalTo(true));
    }

    private static RequestSpecification as(String username) {
        return Gateway.anonymous().auth().preemptive().basic(username, PASSWORD).header("kbn-xsrf", "true")
                .contentType("application/json");
    }

    private static RequestSpecification withKey(String encoded) {
        return Gateway.anonymous().header("Authorization", "ApiKey " + encoded).header("kbn-xsrf", "true")
                .contentType("application/json");
    }

    private static Map<String, Object> rule(String ruleId) {
        return Map.of("rule_id", ruleId, "name", "Root logins", "description", "A login as root", "risk_score", 21,
                "severity", "medium", "type", "query", "query", "user.name: root", "index", List.of("logs-*"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
