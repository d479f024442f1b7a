package io.opendetection.alerts.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.alerts.AlertFixtures;
import io.opendetection.alerts.AlertFixtures.Event;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.opendetection.alerts.AlertsTestSupport.alerts;
import static io.opendetection.alerts.AlertsTestSupport.awaitAlerts;
import static io.opendetection.alerts.AlertsTestSupport.source;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class AlertIngestTest {
    private static final String DLQ = "detection.alerts.v1.dlq";

    @Inject
    Pool pool;

    @Test
    void writesNewAlertsIntoTheSpacesIndexCreatingItAndAReplayWritesNothingTwice() {
        String space = ServiceApi.newSpace();
        List<String> ids = AlertFixtures.publishAlerts(space, 25);
        awaitAlerts(space, 25);

        JsonNode first = source(space, ids.get(0));
        assertEquals("open", first.path("kibana.alert.workflow_status").asText());
        assertEquals(ids.get(0), first.path("kibana.alert.uuid").asText());
        assertEquals(space, first.path("kibana.space_ids").path(0).asText());
        given().baseUri(TestEndpoints.current().elasticsearchUrl())
                .get("/.internal.alerts-security.alerts-" + space + "-000001/_doc/" + ids.get(0))
                .then().statusCode(200);
        long created = pool.preparedQuery("SELECT count(*) AS n FROM index_changes WHERE space = $1"
                        + " AND change = 'created' AND user_name = 'alert-service'")
                .execute(Tuple.of(space)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertEquals(1, created);

        // The same events again (a producer retry, a consumer replay): still one alert per id, untouched.
        List<Event> replay = new ArrayList<>();
        for (String id : ids) {
            ObjectNode changed = AlertFixtures.alert(space, id, "another-host");
            replay.add(AlertFixtures.created(space, id, changed));
        }
        AlertFixtures.publish(replay);
        String marker = ServiceApi.newSpace();
        AlertFixtures.publishAlerts(marker, 1);
        awaitAlerts(marker, 1); // the replay, published before, has been consumed by now
        awaitAlerts(space, 25);
        for (JsonNode hit : alerts(space)) {
            assertTrue(hit.path("_source").path("host.name").asText().startsWith("host-"), hit.toString());
        }
    }

    @Test
    void anIngestThatCaughtUpMakesItsAlertsSearchableWithoutWaitingForThePeriodicRefresh() {
        String space = ServiceApi.newSpace();
        given().header("Authorization", TestTokens.bearer("elastic", Set.of("superuser"), space))
                .post("/api/detection_engine/index").then().statusCode(200);
        // No periodic refresh at all: only the ingest's own refresh can make the alerts searchable.
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType("application/json")
                .body("{\"index\":{\"refresh_interval\":\"-1\"}}")
                .put("/.alerts-security.alerts-" + space + "/_settings").then().statusCode(200);

        AlertFixtures.publishAlerts(space, 30);
        awaitAlerts(space, 30);
        AlertFixtures.publishAlerts(space, 5);
        awaitAlerts(space, 35);
    }

    @Test
    void aSuppressionUpdateSetsItsFieldsOnTheExistingAlert() {
        String space = ServiceApi.newSpace();
        String id = UUID.randomUUID().toString();
        AlertFixtures.publish(List.of(AlertFixtures.created(space, id, AlertFixtures.alert(space, id, "host-1"))));
        ObjectNode update = AlertFixtures.JSON.createObjectNode()
                .put("kibana.alert.suppression.docs_count", 7)
                .put("kibana.alert.suppression.end", "2026-11-30T03:00:00.000Z")
                .put("kibana.alert.last_detected", "2026-11-30T03:00:00.000Z");
        AlertFixtures.publish(List.of(AlertFixtures.suppressionUpdated(space, id, update)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode alert = source(space, id);
            assertEquals(7, alert.path("kibana.alert.suppression.docs_count").asInt());
            assertEquals("2026-11-30T03:00:00.000Z", alert.path("kibana.alert.last_detected").asText());
            assertEquals("Root logins", alert.path("kibana.alert.rule.name").asText());
        });
    }

    @Test
    void recordsThatCanNeverBeWrittenGoToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String space = ServiceApi.newSpace();
        String missing = "missing-" + UUID.randomUUID();
        String notJson = "not-json-" + UUID.randomUUID();
        String unknown = "unknown-" + UUID.randomUUID();
        String badSpace = "bad-space-" + UUID.randomUUID();
        String unmappable = "unmappable-" + UUID.randomUUID();
        ObjectNode wrongType = AlertFixtures.alert(space, unmappable, "host-1");
        wrongType.putObject("kibana.alert.severity").put("level", "high"); // a keyword field cannot hold an object
        List<Event> events = List.of(
                new Event(notJson, EventTypes.ALERT_CREATED, "{not json"),
                AlertFixtures.event("io.opendetection.alert.exploded.v1", space, unknown,
                        AlertFixtures.alert(space, unknown, "h")),
                AlertFixtures.created("Not A Space", badSpace, AlertFixtures.alert(space, badSpace, "h")),
                AlertFixtures.suppressionUpdated(space, missing,
                        AlertFixtures.JSON.createObjectNode().put("kibana.alert.suppression.docs_count", 1)),
                AlertFixtures.created(space, unmappable, wrongType));
        AlertFixtures.publish(events);
        List<String> good = AlertFixtures.publishAlerts(space, 3);

        awaitAlerts(space, 3);
        assertEquals(good.size(), alerts(space).size());
        // a dead letter is the record as it came
        assertEquals("{not json", assertDeadLetter(notJson, "the value is not JSON").value());
        assertDeadLetter(unknown, "unknown event type \"io.opendetection.alert.exploded.v1\"");
        assertDeadLetter(badSpace, "space must match [a-z0-9_-]+, received \"Not A Space\"");
        assertDeadLetter(missing, "Elasticsearch refused the alert (404): document_missing_exception");
        assertDeadLetter(unmappable, "Elasticsearch refused the alert (400): document_parsing_exception");
    }

    private static ConsumerRecord<String, String> assertDeadLetter(String key, String reason) {
        ConsumerRecord<String, String> record = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), DLQ,
                        candidate -> key.equals(candidate.key()), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no dead letter for " + key));
        String header = KafkaProbe.header(record, "dead-letter-reason");
        assertTrue(header != null && header.startsWith(reason), key + ": " + header);
        assertEquals("detection.alerts.v1", KafkaProbe.header(record, "dead-letter-topic"));
        return record;
    }
}
