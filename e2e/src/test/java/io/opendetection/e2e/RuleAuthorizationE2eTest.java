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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's rule through the whole system: a rule runs with the index privileges of whoever last
 * edited it. A query rule raises alerts; a user whose role may not read its index edits it; its
 * next scheduled run is a partial failure naming the index and the user, and raises nothing; the
 * administrator updates its key (Kibana's {@code _update_api_key}); it raises alerts again.
 */
@ExtendWith(SystemUnderTest.class)
class RuleAuthorizationE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";
    private static final String PASSWORD = "e2e-editor-password";
    /** A rule runs every minute (RULES_MIN_INTERVAL): room for one run and its recording. */
    private static final Duration NEXT_RUN = Duration.ofSeconds(150);

    private static String elasticsearch() {
        Assumptions.assumeTrue(SystemUnderTest.stack().isPresent(),
                "indexing events needs the started stack's Elasticsearch (not available when attached to a running system)");
        return "http://" + SystemUnderTest.stack().get().infrastructure().elasticsearchHosts().split(",")[0];
    }

    /** A root login a few seconds ago; answers the event's _id. */
    private static String indexRootLogin(String index) {
        return given().baseUri(elasticsearch()).contentType(ContentType.JSON).body("""
                {"@timestamp":"%s","event":{"kind":"event","category":"authentication","outcome":"success"},
                 "user":{"name":"root"},"host":{"name":"web-01"}}""".formatted(Instant.now().minusSeconds(5)))
                .queryParam("refresh", "true").post("/" + index + "/_doc").then().statusCode(201).extract().path("_id");
    }

    /** The alert of the rule raised from that event, if one is published within {@code timeout}. */
    private static Optional<JsonNode> alertFrom(String ruleId, String eventId, Duration timeout) {
        return KafkaProbe.await(SystemUnderTest.endpoints().kafkaBootstrapServers(), Topics.ALERTS, record -> {
            JsonNode alert = parse(record.value()).path("document");
            return alert.path("kibana.alert.rule.uuid").asText().equals(ruleId)
                    && alert.path("kibana.alert.ancestors").path(0).path("id").asText().equals(eventId);
        }, timeout).map(record -> parse(record.value()).path("document"));
    }

    @Test
    void aRuleEditedByAUserWhoCannotReadItsIndexStopsUntilAnAdministratorUpdatesItsKey() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String index = "logs-e2e-authz-" + suffix;
        String first = indexRootLogin(index);
        String ruleId = Gateway.asAdmin().contentType("application/json").body(Map.of("name", "Root logins",
                        "description", "Someone logs in as root", "risk_score", 73, "severity", "high", "type", "query",
                        "query", "user.name: root", "index", List.of(index), "interval", "1m", "from", "now-10m"))
                .post(RULES).then().statusCode(200).extract().path("id");
        assertTrue(alertFrom(ruleId, first, NEXT_RUN).isPresent(), "the rule raises an alert");

        // a rule author who may read metrics only
        String editor = "rule_editor_" + suffix;
        Gateway.asAdmin().contentType("application/json")
                .body(Map.of("elasticsearch", Map.of("cluster", List.of(), "indices",
                                List.of(Map.of("names", List.of("metrics-*"), "privileges", List.of("read")))),
                        "kibana", List.of(Map.of("feature", Map.of("siem", List.of("all")), "spaces", List.of("*")))))
                .put("/api/security/role/" + editor).then().statusCode(204);
        Gateway.asAdmin().contentType("application/json").body(Map.of("password", PASSWORD, "roles", List.of(editor)))
                .put("/api/security/users/" + editor).then().statusCode(200);
        Gateway.anonymous().auth().preemptive().basic(editor, PASSWORD).header("kbn-xsrf", "true")
                .contentType("application/json").body(Map.of("id", ruleId, "description", "Edited by a metrics reader"))
                .patch(RULES).then().statusCode(200).body("updated_by", equalTo(editor));

        Instant indexed = Instant.now();
        String second = indexRootLogin(index);
        String expected = "This rule may not have the required read privileges to the following index patterns: [\""
                + index + "\"] (it runs with the privileges of \"" + editor + "\", who last edited it)";
        await().atMost(NEXT_RUN).untilAsserted(() -> {
            JsonNode last = lastExecution(ruleId);
            assertEquals("partial failure", last.path("status").asText(), last.toString());
            assertEquals(expected, last.path("message").asText());
            assertTrue(Instant.parse(last.path("date").asText()).isAfter(indexed), last.toString());
        });
        assertTrue(alertFrom(ruleId, second, Duration.ofSeconds(5)).isEmpty(),
                "no alert while the rule runs with its editor's privileges");

        Gateway.asAdmin().post("/api/alerting/rule/" + ruleId + "/_update_api_key").then().statusCode(204);
        Gateway.asAdmin().queryParam("id", ruleId).get(RULES).then().statusCode(200)
                .body("updated_by", equalTo("elastic"))
                .body("description", equalTo("Edited by a metrics reader"));
        assertTrue(alertFrom(ruleId, second, NEXT_RUN).isPresent(), "the rule raises alerts again");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("succeeded",
                lastExecution(ruleId).path("status").asText()));

        Gateway.asAdmin().post("/api/alerting/rule/" + UUID.randomUUID() + "/_update_api_key").then().statusCode(404)
                .body("error", equalTo("Not Found"));
        Gateway.anonymous().auth().preemptive().basic(editor, PASSWORD)
                .post("/api/alerting/rule/" + ruleId + "/_update_api_key").then().statusCode(400);
    }

    private static JsonNode lastExecution(String ruleId) {
        return parse(Gateway.asAdmin().queryParam("id", ruleId).get(RULES).then().statusCode(200).extract().asString())
                .path("execution_summary").path("last_execution");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
