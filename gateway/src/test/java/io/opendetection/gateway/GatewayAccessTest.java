package io.opendetection.gateway;

import io.opendetection.gateway.identity.PasswordHashing;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who gets in, with every service up: authentication, XSRF, spaces, unknown routes, status. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres"))
@WithTestResource(StandInServices.class)
class GatewayAccessTest {
    private static final String BASIC_REALM = "Basic realm=\"kibana\", charset=\"UTF-8\"";

    @Inject
    Pool database;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void withoutCredentialsEveryRouteIs401WithABasicChallenge() {
        for (String path : List.of("/api/detection_engine/rules", "/s/foo/api/lists", "/api/status", "/api/nothing")) {
            given().get(path)
                    .then().statusCode(401)
                    .header("WWW-Authenticate", BASIC_REALM)
                    .body("statusCode", equalTo(401))
                    .body("error", equalTo("Unauthorized"))
                    .body("message", equalTo("Unauthorized"));
        }
    }

    @Test
    void wrongOrMalformedCredentialsAre401() {
        given().auth().preemptive().basic("elastic", "wrong").get("/api/detection_engine/rules")
                .then().statusCode(401)
                .header("WWW-Authenticate", BASIC_REALM)
                .body("message", equalTo("Unauthorized"));
        given().auth().preemptive().basic("nobody", "changeme").get("/api/detection_engine/rules")
                .then().statusCode(401).header("WWW-Authenticate", BASIC_REALM);
        given().header("Authorization", "Basic not-base64!").get("/api/detection_engine/rules")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + base64("no-colon")).get("/api/detection_engine/rules")
                .then().statusCode(401);
        given().header("Authorization", "Bearer abc.def.ghi").get("/api/detection_engine/rules")
                .then().statusCode(401);
    }

    @Test
    void aConnectionServesItsNextRequestAfterARejectionOrAStatusReport() throws Exception {
        // the JDK client keeps one connection alive across these calls; a stalled connection times out
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/api/nothing", "/api/status", "/s/Bad/api/lists", "/api/detection_engine/tags")) {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                    .header("Authorization", "Basic " + base64("elastic:changeme"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            statuses.add(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertEquals(List.of(404, 200, 400, 200), statuses);
    }

    @Test
    void theSeededAdministratorGetsIn() {
        given().auth().preemptive().basic("elastic", "changeme").get("/api/detection_engine/tags")
                .then().statusCode(200).body("uri", equalTo("/api/detection_engine/tags"));
    }

    @Test
    void authenticationComesBeforeTheXsrfCheck() {
        given().post("/api/detection_engine/rules").then().statusCode(401);
    }

    @Test
    void aChangingRequestWithoutKbnXsrfIs400() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            given().auth().preemptive().basic("elastic", "changeme")
                    .request(method, "/api/detection_engine/rules")
                    .then().statusCode(400)
                    .body("statusCode", equalTo(400))
                    .body("error", equalTo("Bad Request"))
                    .body("message", equalTo("Request must contain a kbn-xsrf header."));
        }
        given().auth().preemptive().basic("elastic", "changeme").header("kbn-version", "8.19.0")
                .delete("/api/detection_engine/rules?rule_id=x")
                .then().statusCode(200).body("method", equalTo("DELETE"));
    }

    @Test
    void aSpaceIdOutsideKibanasAlphabetIs400NamingIt() {
        given().auth().preemptive().basic("elastic", "changeme")
                .get("/s/Marketing/api/detection_engine/rules")
                .then().statusCode(400)
                .body("statusCode", equalTo(400))
                .body("error", equalTo("Bad Request"))
                .body("message", equalTo("Invalid space id \"Marketing\": a space id may contain only lowercase "
                        + "letters a-z, digits 0-9, '_' and '-'"));
    }

    @Test
    void anUnknownRouteIsKibanasPlatform404() {
        for (String path : List.of("/api/nothing", "/app/security", "/s/foo/api/saved_objects/_find",
                "/api/detection_engine/signals", "/q/nothing", "/")) {
            given().auth().preemptive().basic("elastic", "changeme").get(path)
                    .then().statusCode(404)
                    .body(equalTo("{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}"));
        }
    }

    @Test
    void healthProbesNeedNoCredentials() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void statusIs200WhenEverythingIsAvailable() {
        given().auth().preemptive().basic("elastic", "changeme").get("/api/status")
                .then().statusCode(200)
                .body("name", equalTo("opendetection"))
                .body("status.overall.level", equalTo("available"))
                .body("status.overall.summary", equalTo("All services are available"))
                .body("status.services.gateway.level", equalTo("available"))
                .body("status.services.gateway.checks.find { it.name.contains('Reactive') }.status", equalTo("UP"))
                .body("status.services.lists-service.level", equalTo("available"))
                .body("status.services.lists-service.checks[0].status", equalTo("UP"));
    }

    @Test
    void aStoredUsersRolesReachTheServiceAndAChangedRowTakesEffectAtOnce() throws Exception {
        database.preparedQuery("""
                        INSERT INTO users (username, password_hash, roles) VALUES ($1, $2, $3)
                        ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                            roles = EXCLUDED.roles, enabled = true""")
                .execute(Tuple.of("analyst", PasswordHashing.hash("first secret"), new String[] {"viewer", "editor"}))
                .await().atMost(Duration.ofSeconds(10));

        String authorization = given().auth().preemptive().basic("analyst", "first secret")
                .get("/api/lists/privileges")
                .then().statusCode(200)
                .extract().jsonPath().getString("headers.authorization");
        JwtClaims claims = new JwtConsumerBuilder()
                .setSkipSignatureVerification().setSkipDefaultAudienceValidation().build()
                .processToClaims(authorization.substring("Bearer ".length()));
        assertEquals("analyst", claims.getSubject());
        assertEquals(List.of("editor", "viewer"), claims.getStringListClaimValue("groups").stream().sorted().toList());

        // verified a moment ago, so remembered; a new password must still end it at once
        database.preparedQuery("UPDATE users SET password_hash = $1, updated_at = now() WHERE username = $2")
                .execute(Tuple.of(PasswordHashing.hash("second secret"), "analyst"))
                .await().atMost(Duration.ofSeconds(10));
        given().auth().preemptive().basic("analyst", "first secret").get("/api/lists/privileges")
                .then().statusCode(401);
        given().auth().preemptive().basic("analyst", "second secret").get("/api/lists/privileges")
                .then().statusCode(200);

        database.preparedQuery("UPDATE users SET enabled = false, updated_at = now() WHERE username = $1")
                .execute(Tuple.of("analyst"))
                .await().atMost(Duration.ofSeconds(10));
        given().auth().preemptive().basic("analyst", "second secret").get("/api/lists/privileges")
                .then().statusCode(401);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes());
    }
}
