package io.opendetection.alerts.search.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.AlertFixtures;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.opendetection.alerts.AlertsTestSupport.awaitAlerts;
import static io.opendetection.alerts.AlertsTestSupport.post;
import static io.opendetection.alerts.AlertsTestSupport.search;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class AlertSearchResourceTest {

    @Test
    void answersAsElasticsearchAnswersOverTheCallersSpaceOnly() {
        String space = ServiceApi.newSpace();
        String other = ServiceApi.newSpace();
        List<String> ids = AlertFixtures.publishAlerts(space, 5);
        AlertFixtures.publishAlerts(other, 4);
        awaitAlerts(space, 5);
        awaitAlerts(other, 4);

        JsonNode answer = search(space, """
                {"size":0,"query":{"bool":{"filter":[{"match_phrase":{"kibana.alert.workflow_status":"open"}}]}},
                 "aggs":{"alertsByGrouping":{"terms":{"field":"host.name","size":10}},
                         "missingFields":{"missing":{"field":"host.name"}}},"runtime_mappings":{}}""");
        assertEquals(5, answer.at("/hits/total/value").asInt());
        assertEquals(0, answer.at("/hits/hits").size());
        assertEquals(3, answer.at("/aggregations/alertsByGrouping/buckets").size());
        assertEquals("host-0", answer.at("/aggregations/alertsByGrouping/buckets/0/key").asText());
        assertEquals(2, answer.at("/aggregations/alertsByGrouping/buckets/0/doc_count").asInt());
        assertEquals(0, answer.at("/aggregations/missingFields/doc_count").asInt());
        assertTrue(answer.has("took") && answer.has("_shards") && answer.has("timed_out"));

        JsonNode byIds = search(space, "{\"query\":{\"ids\":{\"values\":[\"" + ids.get(0) + "\"]}},"
                + "\"_source\":[\"kibana.alert.workflow_status\",\"kibana.alert.workflow_tags\"]}");
        JsonNode hit = byIds.at("/hits/hits/0");
        assertEquals(ids.get(0), hit.path("_id").asText());
        assertEquals("open", hit.at("/_source/kibana.alert.workflow_status").asText());
        assertEquals(2, hit.path("_source").size());

        // an index named in the query does not take the search out of the space
        JsonNode escape = search(space, "{\"query\":{\"terms\":{\"_index\":[\".internal.alerts-security.alerts-"
                + other + "-000001\"]}}}");
        assertEquals(0, escape.at("/hits/total/value").asInt());
    }

    @Test
    void aSpaceWithoutAlertsHasNoHits() {
        JsonNode answer = search(ServiceApi.newSpace(), "{\"query\":{\"match_all\":{}}}");
        assertEquals(0, answer.at("/hits/total/value").asInt());
        assertEquals(0, answer.at("/hits/hits").size());
    }

    @Test
    void refusesWhatIsNotASearchOfAlerts() {
        String space = ServiceApi.newSpace();
        assertPlatformError(post(space, "search", "{\"size\":-1}"),
                "[request body]: size: Number must be greater than or equal to 0");
        assertPlatformError(post(space, "search", "{\"query\":[],\"track_total_hits\":\"yes\",\"_source\":1}"),
                "[request body]: query: Expected object, received array, _source: Expected boolean, string or array"
                        + " of strings, track_total_hits: Expected boolean, received string");
        AlertFixtures.publishAlerts(space, 1);
        awaitAlerts(space, 1);
        Response unknown = post(space, "search", "{\"query\":{\"bool\":{\"filter\":[{\"no_such_clause\":{}}]}}}");
        assertEquals(400, unknown.statusCode(), unknown.asString());
        assertTrue(json(unknown).path("message").asText().contains("no_such_clause"), unknown.asString());
        Response scripted = post(space, "search", """
                {"query":{"term":{"rt":"x"}},"runtime_mappings":{"rt":{"type":"keyword","script":{"source":"emit('x')"}}}}""");
        assertEquals(400, scripted.statusCode(), scripted.asString());
        assertTrue(json(scripted).path("message").asText().startsWith("[request body]: runtime_mappings: "),
                scripted.asString());
    }
}
