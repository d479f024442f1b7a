package io.opendetection.alerts.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.AlertFixtures;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.opendetection.alerts.AlertsTestSupport.alerts;
import static io.opendetection.alerts.AlertsTestSupport.awaitAlerts;
import static io.opendetection.alerts.AlertsTestSupport.post;
import static io.opendetection.testkit.ServiceApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A selection of many pages, several applied at once: every alert changed once, recorded once, published. */
@QuarkusTest
@TestProfile(AlertWorkflowPagesTest.SmallPages.class)
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class AlertWorkflowPagesTest {
    private static final int ALERTS = 23;

    @Inject
    Pool pool;

    @Test
    void closesEveryPageOfTheSelectionRecordingAndPublishingEachAlertOnceAndKeepingTheRestOfIt() {
        String space = ServiceApi.newSpace();
        List<String> ids = AlertFixtures.publishAlerts(space, ALERTS);
        awaitAlerts(space, ALERTS);
        Map<String, JsonNode> before = new HashMap<>();
        alerts(space).forEach(hit -> before.put(hit.path("_id").asText(), hit.path("_source")));

        JsonNode result = json(post(space, "status",
                "{\"query\":{\"match_all\":{}},\"status\":\"closed\",\"reason\":\"false_positive\"}"));
        assertEquals(ALERTS, result.path("total").asInt(), result.toString());
        assertEquals(ALERTS, result.path("updated").asInt());
        assertEquals(5, result.path("batches").asInt()); // pages of 5: 5, 5, 5, 5, 3
        assertEquals(0, result.path("version_conflicts").asInt());
        assertEquals(0, result.path("failures").size());

        for (JsonNode hit : alerts(space)) {
            JsonNode after = hit.path("_source");
            assertEquals("closed", after.path("kibana.alert.workflow_status").asText());
            assertEquals("false_positive", after.path("kibana.alert.workflow_reason").asText());
            // The alert is written whole: every other field is as it was.
            ObjectNode rest = after.deepCopy();
            ObjectNode restBefore = before.get(hit.path("_id").asText()).deepCopy();
            for (String field : List.of("kibana.alert.workflow_status", "kibana.alert.workflow_status_updated_at",
                    "kibana.alert.workflow_user", "kibana.alert.workflow_reason")) {
                rest.remove(field);
                restBefore.remove(field);
            }
            assertEquals(restBefore, rest);
        }

        List<Row> audit = new ArrayList<>();
        pool.preparedQuery("SELECT alert_id FROM alert_changes WHERE space = $1")
                .execute(Tuple.of(space)).await().atMost(Duration.ofSeconds(10)).forEach(audit::add);
        assertEquals(ALERTS, audit.size());
        assertEquals(0, pool.preparedQuery("SELECT count(*) AS n FROM alert_change_intents WHERE space = $1")
                .execute(Tuple.of(space)).await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger("n"),
                "every page's intent became its recorded changes");
        assertEquals(ALERTS, audit.stream().map(row -> row.getString("alert_id")).distinct().count());
        for (String id : ids) {
            assertEquals(space, ServiceApi.parse(ServiceApi.published(Topics.ALERT_CHANGES, id).value())
                    .path("space").asText());
        }

        JsonNode again = json(post(space, "status",
                "{\"query\":{\"match_all\":{}},\"status\":\"closed\",\"reason\":\"false_positive\"}"));
        assertEquals(ALERTS, again.path("noops").asInt(), again.toString());
        assertEquals(0, again.path("updated").asInt());
    }

    /** Pages of 5 alerts, two in flight. */
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("detection.alerts.update.page-size", "5", "detection.alerts.update.concurrency", "2");
        }
    }
}
