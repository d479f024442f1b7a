package io.opendetection.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's promises: authentication, XSRF, spaces, status, and Kibana's envelopes. */
@ExtendWith(SystemUnderTest.class)
class PlatformE2eTest {

    @Test
    void statusShowsEveryServiceAvailable() {
        Response status = Gateway.asAdmin().get("/api/status");
        assertEquals(200, status.statusCode(), status.asString());
        assertEquals("available", status.jsonPath().getString("status.overall.level"));
        for (String service : new String[]{"gateway", "rule-service", "alert-service", "exceptions-service", "lists-service"}) {
            assertEquals("available", status.jsonPath().getString("status.services.'" + service + "'.level"),
                    service + " in " + status.asString());
        }
    }

    @Test
    void b144_writesWithoutXsrfHeaderAreRefused() {
        SystemUnderTest.Endpoints system = SystemUnderTest.endpoints();
        Gateway.anonymous().auth().preemptive().basic("elastic", system.elasticPassword())
                .contentType("application/json").body("{}").post("/api/detection_engine/rules")
                .then().statusCode(400)
                .body(equalTo("{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Request must contain a kbn-xsrf header.\"}"));
    }

    @Test
    void requestsWithoutCredentialsAreUnauthorized() {
        Response response = Gateway.anonymous().get("/api/detection_engine/rules?rule_id=x");
        assertEquals(401, response.statusCode());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic"), response.headers().toString());
        assertEquals(401, response.jsonPath().getInt("statusCode"));
    }

    @Test
    void wrongPasswordsAreUnauthorized() {
        Gateway.anonymous().auth().preemptive().basic("elastic", "not-the-password")
                .get("/api/detection_engine/rules?rule_id=x").then().statusCode(401);
        Gateway.anonymous().auth().preemptive().basic("nobody", "whatever")
                .get("/api/status").then().statusCode(401);
    }

    @Test
    void aSpaceIdOutsideTheAllowedCharactersIsABadRequest() {
        Response response = Gateway.asAdmin().get("/s/Bad.Space/api/detection_engine/rules?rule_id=x");
        assertEquals(400, response.statusCode());
        assertTrue(response.jsonPath().getString("message").contains("Bad.Space"), response.asString());
    }

    @Test
    void unknownRoutesAnswerKibanasNotFound() {
        Gateway.asAdmin().get("/api/no_such_thing").then().statusCode(404)
                .body(equalTo("{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}"));
    }

    @Test
    void malformedJsonIsABadRequestThatNamesTheProblem() {
        Response response = Gateway.asAdmin().contentType("application/json").body("{\"name\": ")
                .post("/api/detection_engine/rules");
        assertEquals(400, response.statusCode());
        assertTrue(response.jsonPath().getString("message").startsWith("Invalid request payload JSON format"), response.asString());
    }

    @Test
    void oversizedBodiesAreRefused() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        Response response = Gateway.asAdmin().contentType("application/json").body(body)
                .post("/api/detection_engine/rules");
        assertEquals(413, response.statusCode());
        assertEquals("Request Entity Too Large", response.jsonPath().getString("error"));
    }
}
