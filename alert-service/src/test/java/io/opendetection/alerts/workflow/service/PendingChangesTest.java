package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.AlertFixtures;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestEndpoints;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.opendetection.alerts.AlertsTestSupport.awaitAlerts;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A crash between recording a change and hearing back from Elasticsearch leaves it pending; the
 * alert as Elasticsearch holds it settles it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class PendingChangesTest {
    private static final String INSERT = "INSERT INTO alert_changes (request_id, space, alert_id, alert_index, seq_no,"
            + " primary_term, action, user_name, changes, state, changed_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6,"
            + " 'status', 'analyst', $7::text::jsonb, 'pending', now() - interval '10 minutes',"
            + " now() - interval '10 minutes')";
    private static final String CLOSE = "[{\"field\":\"kibana.alert.workflow_status\",\"from\":\"open\",\"to\":\"closed\"}]";

    @Inject
    PendingChanges pending;

    @Inject
    Pool pool;

    @Test
    void aChangeElasticsearchMadeIsAppliedAndPublishedOneItDidNotMakeIsForgotten() {
        String space = ServiceApi.newSpace();
        List<String> alerts = AlertFixtures.publishAlerts(space, 2);
        awaitAlerts(space, 2);
        String index = ".internal.alerts-security.alerts-" + space + "-000001";
        UUID request = UUID.randomUUID();
        List<Tuple> rows = new java.util.ArrayList<>();
        for (String alert : alerts) {
            JsonNode doc = ServiceApi.parse(given().baseUri(TestEndpoints.current().elasticsearchUrl())
                    .get("/" + index + "/_doc/" + alert).then().statusCode(200).extract().asString());
            rows.add(Tuple.tuple(List.of(request, space, alert, index, doc.path("_seq_no").asLong(),
                    doc.path("_primary_term").asLong(), CLOSE)));
        }
        // The crash came after Elasticsearch wrote the first alert, before it wrote the second.
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType(ContentType.JSON)
                .body("{\"doc\":{\"kibana.alert.workflow_status\":\"closed\"}}")
                .post("/" + index + "/_update/" + alerts.get(0)).then().statusCode(200);
        pool.withTransaction(tx -> tx.preparedQuery(INSERT).executeBatch(rows)).await().atMost(Duration.ofSeconds(10));

        // the service's own timer may settle them first; either way, both are settled now
        pending.settle().await().atMost(Duration.ofSeconds(30));

        assertEquals(List.of("applied"), states(request, alerts.get(0)));
        assertEquals(List.of(), states(request, alerts.get(1)));
        ConsumerRecord<String, String> event = ServiceApi.published(Topics.ALERT_CHANGES, alerts.get(0));
        ServiceApi.assertCloudEvent(event, EventTypes.ALERT_STATUS_CHANGED, alerts.get(0), "/alert-service");
        assertEquals(request.toString(), ServiceApi.parse(event.value()).path("request_id").asText());
        assertEquals(0, (int) pending.settle().await().atMost(Duration.ofSeconds(30)));
    }

    private List<String> states(UUID request, String alert) {
        return pool.preparedQuery("SELECT state FROM alert_changes WHERE request_id = $1 AND alert_id = $2")
                .execute(Tuple.of(request, alert)).await().atMost(Duration.ofSeconds(10))
                .stream().map(row -> row.getString("state")).toList();
    }
}
