package io.opendetection.gateway;

import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.opendetection.gateway.SecurityFixtures.as;
import static io.opendetection.gateway.SecurityFixtures.asAdmin;
import static io.opendetection.gateway.SecurityFixtures.createKey;
import static io.opendetection.gateway.SecurityFixtures.putUser;
import static io.opendetection.gateway.SecurityFixtures.withKey;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** A slow rate (one request every 10 s after a burst of 5) so the limit is reached on purpose. */
@QuarkusTest
@TestProfile(RateLimitTest.Slow.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres"))
@WithTestResource(StandInServices.class)
class RateLimitTest {

    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.per-second", "0.1", "gateway.rate-limit.burst", "5");
        }
    }

    @Test
    void eachUserAndEachKeyHasItsOwnBucketAndTheOverflowIs429WithRetryAfter() {
        putUser("limited", "limited-password", List.of("viewer"));
        String key = createKey(asAdmin(), Map.of("name", "limited-key"));
        for (int i = 0; i < 5; i++) {
            as("limited", "limited-password").get("/api/detection_engine/rules/_find").then().statusCode(200);
        }
        as("limited", "limited-password").get("/api/detection_engine/rules/_find")
                .then().statusCode(429)
                // a token comes every 10 s; a slow machine may already have waited part of that
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(10)))
                .body("statusCode", equalTo(429))
                .body("error", equalTo("Too Many Requests"))
                .body("message", equalTo("Too Many Requests"));
        withKey(key).get("/api/detection_engine/rules/_find").then().statusCode(200);
        asAdmin().get("/api/detection_engine/rules/_find").then().statusCode(200);
    }
}
