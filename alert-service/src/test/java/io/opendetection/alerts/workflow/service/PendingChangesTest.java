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
 * A crash between recording a page's intent and hearing back from Elasticsearch leaves the intent;
 * the alerts as Elasticsearch holds them settle it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class PendingChangesTest {
    // the page's intent as a request records it, ten minutes old
    private static final String INSERT = "INSERT INTO alert_change_intents (request_id, space, action, user_name,"
            + " changed_at, alert_ids, alert_indices, seq_nos, primary_terms, changes, recorded_at) VALUES ($1, $2,"
            + " 'status', 'analyst', now() - interval '10 minutes', $3, $4, $5, $6, $7, now() - interval '10 minutes')";
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
        String[] indices = new String[alerts.size()];
        Long[] seqNos = new Long[alerts.size()];
        Long[] primaryTerms = new Long[alerts.size()];
        String[] changes = new String[alerts.size()];
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode doc = ServiceApi.parse(given().baseUri(TestEndpoints.current().elasticsearchUrl())
                    .get("/" + index + "/_doc/" + alerts.get(i)).then().statusCode(200).extract().asString());
            indices[i] = index;
            seqNos[i] = doc.path("_seq_no").asLong();
            primaryTerms[i] = doc.path("_primary_term").asLong();
            changes[i] = CLOSE;
        }
        // The crash came after Elasticsearch wrote the first alert, before it wrote the second.
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType(ContentType.JSON)
                .body("{\"doc\":{\"kibana.alert.workflow_status\":\"closed\"}}")
                .post("/" + index + "/_update/" + alerts.get(0)).then().statusCode(200);
        pool.preparedQuery(INSERT).execute(Tuple.tuple(List.of(request, space, alerts.toArray(String[]::new), indices,
                seqNos, primaryTerms, changes))).await().atMost(Duration.ofSeconds(10));

        // the service's own timer may settle them first; either way, both are settled now
        pending.settle().await().atMost(Duration.ofSeconds(30));

        assertEquals(1, recorded(request, alerts.get(0)));
        assertEquals(0, recorded(request, alerts.get(1)));
        assertEquals(0, pool.preparedQuery("SELECT count(*) AS n FROM alert_change_intents WHERE request_id = $1")
                .execute(Tuple.of(request)).await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger("n"));
        ConsumerRecord<String, String> event = ServiceApi.published(Topics.ALERT_CHANGES, alerts.get(0));
        ServiceApi.assertCloudEvent(event, EventTypes.ALERT_STATUS_CHANGED, alerts.get(0), "/alert-service");
        assertEquals(request.toString(), ServiceApi.parse(event.value()).path("request_id").asText());
        assertEquals(0, (int) pending.settle().await().atMost(Duration.ofSeconds(30)));
    }

    private int recorded(UUID request, String alert) {
        return pool.preparedQuery("SELECT count(*) AS n FROM alert_changes WHERE request_id = $1 AND alert_id = $2")
                .execute(Tuple.of(request, alert)).await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger("n");
    }
}
