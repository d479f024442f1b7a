package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.alerts.AlertIds;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** eql rules run by our own EQL engine against the test kit's Elasticsearch (no _eql/search there). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class EqlRuleExecutionTest {

    private static ObjectNode rule(String index, String query) {
        ObjectNode rule = JSON.createObjectNode().put("name", "EQL rule").put("description", "d").put("risk_score", 50)
                .put("severity", "medium").put("type", "eql").put("language", "eql").put("query", query)
                .put("interval", "2s").put("from", "now-5m");
        rule.putArray("index").add(index);
        return rule;
    }

    private static String create(String space, ObjectNode rule) {
        return ServiceApi.in("elastic", space).body(rule.toString()).post("/api/detection_engine/rules")
                .then().statusCode(200).extract().path("id");
    }

    private static String failure(String ruleId) {
        return "executions: " + executionsOf(ruleId, list -> !list.isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void anEventQueryRaisesOneAlertPerMatchingEvent() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String root = indexEvent(index, now.minusSeconds(30), "root", "web-server-01");
        indexEvent(index, now.minusSeconds(25), "root", "db");
        indexEvent(index, now.minusSeconds(20), "bob", "web-server-01");
        // length() is evaluated by the engine on each candidate, the rest is pushed down to Elasticsearch.
        String ruleId = create(space, rule(index, "authentication where user.name == \"root\" and length(host.name) > 5"));

        Map<String, JsonNode> alerts = alertsOf(ruleId, 2, Duration.ofSeconds(10));
        assertEquals(List.of(AlertIds.forEvent(index, root, "1", space, ruleId)), List.copyOf(alerts.keySet()),
                () -> failure(ruleId));
        JsonNode alert = alerts.get(AlertIds.forEvent(index, root, "1", space, ruleId)).path("document");
        assertEquals("siem.eqlRule", alert.path("kibana.alert.rule.rule_type_id").asText());
        assertFalse(alert.has("kibana.alert.group.id"));
    }

    @Test
    void aSequenceRaisesBuildingBlocksAndAShell() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String bob = indexEvent(index, now.minusSeconds(40), "bob", "web-01");
        String root = indexEvent(index, now.minusSeconds(30), "root", "web-01");
        indexEvent(index, now.minusSeconds(20), "root", "web-02");
        String ruleId = create(space, rule(index, """
                sequence by host.name with maxspan=1m
                  [authentication where user.name == "bob"]
                  [authentication where user.name == "root"]"""));

        Map<String, JsonNode> alerts = alertsOf(ruleId, 3, Duration.ofSeconds(10));
        assertEquals(3, alerts.size(), () -> failure(ruleId));
        JsonNode shell = alerts.values().stream().map(alert -> alert.path("document"))
                .filter(alert -> !alert.has("kibana.alert.building_block_type")).findFirst().orElseThrow();
        String shellId = shell.path("kibana.alert.uuid").asText();
        assertEquals(shellId, shell.path("kibana.alert.group.id").asText());
        assertEquals("web-01", shell.path("host").path("name").asText(), "the fields every event shares");
        assertFalse(shell.path("user").has("name"), "the fields the events do not share are left out");

        JsonNode ancestors = shell.path("kibana.alert.ancestors");
        assertEquals(4, ancestors.size());
        assertEquals(bob, ancestors.path(0).path("id").asText());
        assertEquals(root, ancestors.path(2).path("id").asText());
        StringBuilder hash = new StringBuilder();
        ancestors.forEach(ancestor -> hash.append(ancestor.path("id").asText()).append(ancestor.path("index").asText()));
        assertEquals(AlertIds.sha256(hash + ruleId), shellId, "Kibana's generateAlertId");

        String base = bob + index + ruleId + root + index + ruleId;
        for (int i = 0; i < 2; i++) {
            JsonNode block = alerts.get(AlertIds.sha256(base + i)).path("document");
            assertEquals("default", block.path("kibana.alert.building_block_type").asText());
            assertEquals(shellId, block.path("kibana.alert.group.id").asText());
            assertEquals(i, block.path("kibana.alert.group.index").asInt());
            assertEquals(i == 0 ? bob : root, block.path("kibana.alert.ancestors").path(0).path("id").asText());
            assertTrue(ancestors.path(2 * i + 1).path("id").asText().equals(block.path("kibana.alert.uuid").asText()));
        }
    }
}
