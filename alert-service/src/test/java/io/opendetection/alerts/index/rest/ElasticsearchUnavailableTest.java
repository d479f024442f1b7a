package io.opendetection.alerts.index.rest;

import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@TestProfile(ElasticsearchUnavailableTest.NobodyListening.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
class ElasticsearchUnavailableTest {

    @Test
    void answers503WithoutDetails() {
        for (String method : new String[] {"POST", "GET", "DELETE"}) {
            given().header("Authorization", TestTokens.admin()).request(method, "/api/detection_engine/index")
                    .then().statusCode(503)
                    .body("message", equalTo("Elasticsearch is unavailable, try again later"))
                    .body("status_code", equalTo(503))
                    .body(not(containsString("Exception")));
        }
    }

    /** Points the client at a loopback port nothing listens on. */
    public static class NobodyListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.elasticsearch.hosts", "127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
