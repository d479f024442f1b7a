package io.opendetection.gateway;

import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forwarding through the gateway to stand-ins: rule- and alert-service answer, exceptions-service is
 * down, lists-service never answers.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres"))
@WithTestResource(value = StandInServices.class, initArgs = {
        @ResourceArg(name = "exceptions-service", value = "down"),
        @ResourceArg(name = "lists-service", value = "silent")})
class GatewayProxyTest {
    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void forwardsASpaceRequestAsItsApiPathWithACallerTokenInsteadOfTheCallersCredentials() throws Exception {
        JsonPath received = given().auth().preemptive().basic("elastic", "changeme")
                .header("Cookie", "sid=secret")
                .header("elastic-api-version", "2023-10-31")
                .get("/s/foo/api/detection_engine/rules?rule_id=x")
                .then().statusCode(200)
                .extract().jsonPath();

        assertEquals("GET", received.getString("method"));
        assertEquals("/api/detection_engine/rules?rule_id=x", received.getString("uri"));
        Map<String, String> headers = received.getMap("headers");
        assertFalse(headers.containsKey("cookie"));
        assertEquals("2023-10-31", headers.get("elastic-api-version"));
        assertEquals("127.0.0.1", headers.get("x-forwarded-for"));
        assertEquals("http", headers.get("x-forwarded-proto"));

        String authorization = headers.get("authorization");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(KeyUtils.decodePublicKey(TestKeys.publicKeyPem(), SignatureAlgorithm.RS256))
                .setExpectedIssuer(CallerToken.ISSUER)
                .setExpectedAudience(CallerToken.AUDIENCE)
                .setRequireExpirationTime()
                .build()
                .processToClaims(authorization.substring("Bearer ".length()));
        assertEquals("elastic", claims.getSubject());
        assertEquals("elastic", claims.getStringClaimValue("upn"));
        assertEquals(List.of("superuser"), claims.getStringListClaimValue("groups"));
        assertEquals("foo", claims.getStringClaimValue(CallerToken.SPACE_CLAIM));
    }

    @Test
    void aBarePathAddressesTheDefaultSpaceAndAlertRoutesReachTheAlertService() throws Exception {
        String authorization = given().auth().preemptive().basic("elastic", "changeme")
                .header("kbn-xsrf", "true")
                .contentType("application/json")
                .body("{\"query\":{\"match_all\":{}}}")
                .post("/api/detection_engine/signals/search")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/detection_engine/signals/search"))
                .body("bodyBytes", equalTo(26))
                .extract().jsonPath().getString("headers.authorization");

        JwtClaims claims = new JwtConsumerBuilder()
                .setSkipSignatureVerification().setSkipDefaultAudienceValidation().build()
                .processToClaims(authorization.substring("Bearer ".length()));
        assertEquals(CallerToken.DEFAULT_SPACE, claims.getStringClaimValue(CallerToken.SPACE_CLAIM));
    }

    @Test
    void streamsA5MibImportUpToTheService() {
        byte[] file = StandInServices.pattern(5 * MIB);

        given().auth().preemptive().basic("elastic", "changeme")
                .header("kbn-xsrf", "true")
                .contentType("application/octet-stream")
                .body(file)
                .post("/api/detection_engine/rules/_import?overwrite=true")
                .then().statusCode(200)
                .body("uri", equalTo("/api/detection_engine/rules/_import?overwrite=true"))
                .body("headers.content-length", equalTo(Integer.toString(5 * MIB)))
                .body("bodyBytes", equalTo(5 * MIB))
                .body("bodySha256", equalTo(StandInServices.sha256(file)));
    }

    @Test
    void streamsAChunkedBodyUpToTheService() throws Exception {
        byte[] body = StandInServices.pattern(MIB / 2);

        HttpResponse<String> response = sendChunked("PUT", "/api/detection_engine/rules", body);

        assertEquals(200, response.statusCode());
        JsonPath received = JsonPath.from(response.body());
        assertEquals("chunked", received.getString("headers.transfer-encoding"));
        assertEquals(MIB / 2, received.getInt("bodyBytes"));
        assertEquals(StandInServices.sha256(body), received.getString("bodySha256"));
    }

    @Test
    void streamsA5MibExportDownToTheCaller() {
        Response response = given().auth().preemptive().basic("elastic", "changeme")
                .header("kbn-xsrf", "true")
                .post("/api/detection_engine/rules/_export?bytes=" + 5 * MIB);

        response.then().statusCode(200).contentType("application/ndjson");
        assertArrayEquals(StandInServices.pattern(5 * MIB), response.asByteArray());
    }

    @Test
    void refusesADeclaredBodyOverTheLimitBeforeReadingIt() {
        given().auth().preemptive().basic("elastic", "changeme")
                .header("kbn-xsrf", "true")
                .contentType("application/json")
                .body(new byte[MIB + 1])
                .post("/api/detection_engine/rules")
                .then().statusCode(413)
                .body("statusCode", equalTo(413))
                .body("error", equalTo("Request Entity Too Large"))
                .body("message", equalTo("Payload content length greater than maximum allowed: 1048576"));
    }

    @Test
    void cutsAChunkedBodyWhenItGoesOverTheLimit() throws Exception {
        HttpResponse<String> response = sendChunked("POST", "/api/detection_engine/rules", new byte[2 * MIB]);

        assertEquals(413, response.statusCode());
        assertEquals("{\"statusCode\":413,\"error\":\"Request Entity Too Large\","
                + "\"message\":\"Payload content length greater than maximum allowed: 1048576\"}", response.body());
    }

    @Test
    void aServiceThatIsDownIsA503NamingIt() {
        given().auth().preemptive().basic("elastic", "changeme")
                .get("/api/exception_lists?list_id=endpoint_list")
                .then().statusCode(503)
                .body("statusCode", equalTo(503))
                .body("error", equalTo("Service Unavailable"))
                .body("message", equalTo("exceptions-service is unavailable"));
    }

    @Test
    void aServiceThatNeverAnswersIsA504AfterTheIdleTimeout() {
        long started = System.nanoTime();
        given().auth().preemptive().basic("elastic", "changeme")
                .get("/s/foo/api/lists?id=ip_list")
                .then().statusCode(504)
                .body("statusCode", equalTo(504))
                .body("error", equalTo("Gateway Time-out"))
                .body("message", equalTo("lists-service did not answer in time"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000);
    }

    @Test
    void statusIs503AndSaysWhichServicesAreUnavailable() {
        given().auth().preemptive().basic("elastic", "changeme")
                .get("/api/status")
                .then().statusCode(503)
                .body("name", equalTo("opendetection"))
                .body("version.number", notNullValue())
                .body("status.overall.level", equalTo("degraded"))
                .body("status.overall.summary",
                        equalTo("2 of 4 services are unavailable: exceptions-service, lists-service"))
                .body("status.services.gateway.level", equalTo("available"))
                .body("status.services.gateway.checks.size()", not(equalTo(0)))
                .body("status.services.rule-service.level", equalTo("available"))
                .body("status.services.rule-service.checks[0].name", equalTo("stand-in"))
                .body("status.services.alert-service.level", equalTo("available"))
                .body("status.services.exceptions-service.level", equalTo("unavailable"))
                .body("status.services.exceptions-service.summary", equalTo("exceptions-service is unavailable"))
                .body("status.services.exceptions-service", not(hasKey("checks")))
                .body("status.services.lists-service.level", equalTo("unavailable"))
                .body("status.services.lists-service.summary", equalTo("lists-service did not answer within 1000 ms"))
                .time(lessThan(5_000L));
    }

    /** RestAssured reads a stream whole and sends a length; the JDK client sends it chunked. */
    private HttpResponse<String> sendChunked(String method, String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("elastic:changeme".getBytes()))
                .header("kbn-xsrf", "true")
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
