package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.opendetection.rules.execution.DetectionFixtures.JSON;
import static io.opendetection.rules.execution.DetectionFixtures.alertsOf;
import static io.opendetection.rules.execution.DetectionFixtures.executionsOf;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule runs with the index privileges of its last editor: patterns they may not read are a
 * partial failure naming them and the editor, and are not searched; a key update by a user who
 * may read them brings the rule back.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class EditorPrivilegesExecutionTest {
    private static final String RULES = "/api/detection_engine/rules";
    private static final List<List<Map<String, Object>>> METRICS_ONLY = List.of(List.of(
            Map.of("names", List.of("metrics-*"), "privileges", List.of("read"))));
    private static final List<List<Map<String, Object>>> SUPERUSER = List.of(List.of(
            Map.of("names", List.of("*"), "privileges", List.of("all"))));

    private static ObjectNode queryRule(List<String> indices) {
        ObjectNode rule = JSON.createObjectNode()
                .put("name", "Root logins").put("description", "Someone logs in as root")
                .put("risk_score", 21).put("severity", "high").put("type", "query")
                .put("query", "user.name: root").put("interval", "2s").put("from", "now-5m");
        indices.forEach(rule.putArray("index")::add);
        return rule;
    }

    private static void awaitLastExecution(String space, String id, String status, String message) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ServiceApi.in("elastic", space)
                .queryParam("id", id).get(RULES).then().statusCode(200)
                .body("execution_summary.last_execution.status", equalTo(status))
                .body("execution_summary.last_execution.message", equalTo(message)));
    }

    @Test
    void aRuleItsEditorMayNotReadRaisesNothingUntilAKeyUpdateByAReader() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        String event = indexEvent(index, Instant.now().minusSeconds(30), "root", "web-01");
        String id = ServiceApi.in("ann", space, METRICS_ONLY).body(queryRule(List.of(index)).toString()).post(RULES)
                .then().statusCode(200).extract().path("id");

        awaitLastExecution(space, id, "partial failure", "This rule may not have the required read privileges to"
                + " the following index patterns: [\"" + index + "\"] (it runs with the privileges of \"ann\", who"
                + " last edited it)");
        List<JsonNode> partial = executionsOf(id, runs -> runs.size() >= 2, Duration.ofSeconds(30));
        assertTrue(partial.stream().allMatch(run -> run.get("alertsCreated").asLong() == 0
                && run.get("status").asText().equals("partial failure")), partial.toString());
        assertTrue(alertsOf(id, 1, Duration.ofSeconds(3)).isEmpty(), "no alert from an unreadable index");

        ServiceApi.in("elastic", space, SUPERUSER).post("/api/alerting/rule/" + id + "/_update_api_key")
                .then().statusCode(204);
        Map<String, JsonNode> alerts = alertsOf(id, 1, Duration.ofSeconds(60));
        assertEquals(event, alerts.values().iterator().next().path("document").path("kibana.alert.ancestors")
                .path(0).path("id").asText());
        awaitLastExecution(space, id, "succeeded", "Rule execution completed successfully");
    }

    @Test
    void onlyTheReadablePatternsAreSearched() {
        String space = ServiceApi.newSpace();
        String readable = newIndex("metrics-auth");
        String unreadable = newIndex("auth");
        String seen = indexEvent(readable, Instant.now().minusSeconds(30), "root", "web-01");
        indexEvent(unreadable, Instant.now().minusSeconds(30), "root", "web-02");
        String id = ServiceApi.in("ann", space, METRICS_ONLY).body(queryRule(List.of(readable, unreadable)).toString())
                .post(RULES).then().statusCode(200).extract().path("id");

        awaitLastExecution(space, id, "partial failure", "This rule may not have the required read privileges to"
                + " the following index patterns: [\"" + unreadable + "\"] (it runs with the privileges of \"ann\","
                + " who last edited it)");
        Map<String, JsonNode> alerts = alertsOf(id, 2, Duration.ofSeconds(8));
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.values().iterator().next().path("document");
        assertEquals(seen, alert.path("kibana.alert.ancestors").path(0).path("id").asText());
        assertEquals(readable, alert.path("kibana.alert.ancestors").path(0).path("index").asText());
    }
}
