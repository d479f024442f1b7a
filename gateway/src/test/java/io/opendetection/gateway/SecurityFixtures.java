package io.opendetection.gateway;

import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Roles, users and API keys made through the gateway's own security API, as the administrator. */
final class SecurityFixtures {
    static final String ADMIN_PASSWORD = "changeme";

    private SecurityFixtures() {
    }

    static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic("elastic", ADMIN_PASSWORD).header("kbn-xsrf", "true")
                .contentType("application/json");
    }

    static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password).header("kbn-xsrf", "true")
                .contentType("application/json");
    }

    static RequestSpecification withKey(String encoded) {
        return given().header("Authorization", "ApiKey " + encoded).header("kbn-xsrf", "true")
                .contentType("application/json");
    }

    /** A role granting the Security feature at {@code privilege} in {@code spaces}, reading {@code logs-*}. */
    static void putRole(String name, String privilege, List<String> spaces, List<String> cluster) {
        asAdmin().body(Map.of(
                        "elasticsearch", Map.of("cluster", cluster,
                                "indices", List.of(Map.of("names", List.of("logs-*"), "privileges", List.of("read")))),
                        "kibana", List.of(Map.of("base", List.of(), "feature", Map.of("siem", List.of(privilege)),
                                "spaces", spaces))))
                .put("/api/security/role/" + name)
                .then().statusCode(204);
    }

    static void putUser(String username, String password, List<String> roles) {
        asAdmin().body(Map.of("password", password, "roles", roles, "full_name", username + " (test)"))
                .put("/api/security/users/" + username)
                .then().statusCode(200);
    }

    /** The {@code encoded} credentials of a new key of the user's. */
    static String createKey(RequestSpecification owner, Map<String, Object> body) {
        return owner.body(body).post("/api/security/api_key").then().statusCode(200)
                .extract().jsonPath().getString("encoded");
    }

    static String keyId(String encoded) {
        String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        return decoded.substring(0, decoded.indexOf(':'));
    }
}
