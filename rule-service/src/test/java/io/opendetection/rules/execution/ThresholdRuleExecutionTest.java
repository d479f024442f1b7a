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
import java.util.Map;

import static io.opendetection.rules.execution.DetectionFixtures.JSON;
import static io.opendetection.rules.execution.DetectionFixtures.alertsOf;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Threshold rules (ENGINE.md §5): one alert per group at or above the threshold, never twice for the same events. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class ThresholdRuleExecutionTest {

    @Test
    void groupsAtTheThresholdAlertOnceAcrossOverlappingRuns() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            indexEvent(index, now.minusSeconds(40 - i), "root", "web-01");
        }
        indexEvent(index, now.minusSeconds(30), "root", "web-02");
        indexEvent(index, now.minusSeconds(29), "bob", "web-02");
        indexEvent(index, now.minusSeconds(28), "eve", "web-02");
        indexEvent(index, now.minusSeconds(27), "bob", "web-03");
        ObjectNode rule = JSON.createObjectNode()
                .put("name", "Many logins").put("description", "Three logins or more on one host")
                .put("risk_score", 47).put("severity", "medium").put("type", "threshold")
                .put("query", "event.category: authentication").put("interval", "2s").put("from", "now-5m");
        rule.putArray("index").add(index);
        ObjectNode threshold = rule.putObject("threshold");
        threshold.putArray("field").add("host.name");
        threshold.put("value", 3);
        String ruleId = ServiceApi.in("elastic", space).body(rule.toString())
                .post("/api/detection_engine/rules").then().statusCode(200).extract().path("id");

        // several runs go by over the same events: the history keeps each group to one alert
        Map<String, JsonNode> alerts = alertsOf(ruleId, 3, Duration.ofSeconds(15));
        assertEquals(2, alerts.size(), () -> "executions: " + DetectionFixtures.executionsOf(ruleId,
                list -> !list.isEmpty(), Duration.ofSeconds(5)));
        Map<String, JsonNode> byHost = new java.util.HashMap<>();
        alerts.values().forEach(event -> byHost.put(
                event.path("document").path("host").path("name").asText(), event.path("document")));
        JsonNode web01 = byHost.get("web-01");
        assertEquals(3, web01.path("kibana.alert.threshold_result").path("count").asInt());
        assertEquals("host.name", web01.path("kibana.alert.threshold_result").path("terms").path(0).path("field").asText());
        assertEquals("web-01", web01.path("kibana.alert.threshold_result").path("terms").path(0).path("value").asText());
        assertEquals(io.opendetection.common.document.Timestamps.of(now.minusSeconds(38)),
                web01.path("@timestamp").isMissingNode() ? null : web01.path("kibana.alert.original_time").asText());
        assertEquals("threshold", web01.path("kibana.alert.rule.type").asText());
        assertEquals(3, byHost.get("web-02").path("kibana.alert.threshold_result").path("count").asInt());

        // a new event of an alerted group counts alone: below the threshold, no new alert
        indexEvent(index, Instant.now().minusSeconds(1), "root", "web-01");
        assertEquals(2, alertsOf(ruleId, 3, Duration.ofSeconds(8)).size());
    }
}
