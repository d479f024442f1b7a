package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Detection through the whole system: ECS events in the embedded Elasticsearch, a rule created
 * through the gateway, its alerts published by rule-service's executor and its execution summary
 * in the rule API.
 */
@ExtendWith(SystemUnderTest.class)
class DetectionE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";

    /** Elasticsearch of the started stack; the tests that index events are skipped when attached elsewhere. */
    private static String elasticsearch() {
        Assumptions.assumeTrue(SystemUnderTest.stack().isPresent(),
                "indexing events needs the started stack's Elasticsearch (not available when attached to a running system)");
        return "http://" + SystemUnderTest.stack().get().infrastructure().elasticsearchHosts().split(",")[0];
    }

    private static String indexLogins(String user, String host) {
        String index = "logs-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(elasticsearch()).contentType(ContentType.JSON).body("""
                {"@timestamp":"%s","event":{"kind":"event","category":"authentication","outcome":"success"},
                 "user":{"name":"%s"},"host":{"name":"%s"},"source":{"ip":"10.0.0.7"}}"""
                .formatted(Instant.now().minusSeconds(30), user, host))
                .queryParam("refresh", "true").post("/" + index + "/_doc").then().statusCode(201);
        return index;
    }

    private static String createRule(String index, String query) {
        return Gateway.asAdmin().contentType("application/json").body("""
                {"name":"Root logins","description":"Someone logs in as root","risk_score":73,"severity":"high",
                 "type":"query","query":"%s","index":["%s"],"interval":"1m","from":"now-5m"}"""
                        .formatted(query, index))
                .post(RULES).then().statusCode(200).extract().path("id");
    }

    private static JsonNode alertOf(String ruleId) {
        String record = KafkaProbe.await(SystemUnderTest.endpoints().kafkaBootstrapServers(), Topics.ALERTS,
                        candidate -> parse(candidate.value()).path("document").path("kibana.alert.rule.uuid").asText()
                                .equals(ruleId), Duration.ofSeconds(90))
                .orElseThrow(() -> new AssertionError("no alert of rule " + ruleId + " on " + Topics.ALERTS)).value();
        return parse(record);
    }

    @Test
    void b18_anEnabledQueryRuleRaisesAnAlertAndSucceeds() {
        String index = indexLogins("root", "web-01");
        String ruleId = createRule(index, "user.name: root");

        JsonNode event = alertOf(ruleId);
        assertEquals("default", event.path("space").asText());
        JsonNode alert = event.path("document");
        assertEquals("open", alert.path("kibana.alert.workflow_status").asText());
        assertEquals("signal", alert.path("event").path("kind").asText());
        assertEquals("root", alert.path("user").path("name").asText());
        assertEquals(index, alert.path("kibana.alert.ancestors").path(0).path("index").asText());
        assertEquals("default", alert.path("kibana.space_ids").path(0).asText());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Gateway.asAdmin().queryParam("id", ruleId)
                .get(RULES).then().statusCode(200)
                .body("execution_summary.last_execution.status", equalTo("succeeded"))
                .body("execution_summary.last_execution.message", equalTo("Rule execution completed successfully"))
                .body("execution_summary.last_execution.metrics.total_search_duration_ms", greaterThanOrEqualTo(0)));
    }

    @Test
    void b18_aRuleWhoseIndexPatternMatchesNothingIsAPartialFailure() {
        String ruleId = createRule("does-not-exist-*", "*");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Gateway.asAdmin().queryParam("id", ruleId)
                .get(RULES).then().statusCode(200)
                .body("execution_summary.last_execution.status", equalTo("partial failure"))
                .body("execution_summary.last_execution.message", equalTo("This rule is attempting to query data from"
                        + " Elasticsearch indices listed in the \"Index patterns\" section of the rule definition,"
                        + " however no index matching: [\"does-not-exist-*\"] was found. This warning will continue to"
                        + " appear until a matching index is created or this rule is disabled.")));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
