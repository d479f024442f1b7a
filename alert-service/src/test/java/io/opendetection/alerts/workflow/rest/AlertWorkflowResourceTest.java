package io.opendetection.alerts.workflow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.alerts.AlertFixtures;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.opendetection.alerts.AlertsTestSupport.awaitAlerts;
import static io.opendetection.alerts.AlertsTestSupport.ids;
import static io.opendetection.alerts.AlertsTestSupport.post;
import static io.opendetection.alerts.AlertsTestSupport.source;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class AlertWorkflowResourceTest {
    private static final String EMPTY = """
            {"timed_out":false,"total":0,"updated":0,"deleted":0,"batches":0,"version_conflicts":0,"noops":0,
             "retries":{"bulk":0,"search":0},"throttled_millis":0,"requests_per_second":-1,
             "throttled_until_millis":0,"failures":[]}""";

    @Inject
    Pool pool;

    @Test
    void aSpaceWithoutAlertsAnswersTheEmptyUpdateByQueryResult() {
        String space = ServiceApi.newSpace();
        assertEmpty(post(space, "status", "{\"signal_ids\":[\"123\"],\"status\":\"open\"}"));
        assertEmpty(post(space, "status", "{\"query\":{\"match_all\":{}},\"status\":\"open\"}"));
        assertEmpty(post(space, "tags", "{\"ids\":[\"123\"],\"tags\":{\"tags_to_add\":[\"a\"],\"tags_to_remove\":[]}}"));
    }

    @Test
    void setsTheStatusByIdsRecordsWhoChangedWhatAndPublishesIt() {
        String space = ServiceApi.newSpace();
        List<String> alerts = AlertFixtures.publishAlerts(space, 4);
        awaitAlerts(space, 4);

        Response response = post(space, "status", "{\"signal_ids\":" + ids(alerts) + ",\"status\":\"acknowledged\"}");
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode result = json(response);
        assertEquals(4, result.path("total").asInt());
        assertEquals(4, result.path("updated").asInt());
        assertEquals(1, result.path("batches").asInt());
        assertEquals(-1, result.path("requests_per_second").asInt());
        assertTrue(result.path("took").isIntegralNumber());
        List<String> keys = new ArrayList<>();
        result.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("took", "timed_out", "total", "updated", "deleted", "batches", "version_conflicts",
                "noops", "retries", "throttled_millis", "requests_per_second", "throttled_until_millis", "failures"), keys);

        JsonNode alert = source(space, alerts.get(0)); // no wait: the route refreshed before answering
        assertEquals("acknowledged", alert.path("kibana.alert.workflow_status").asText());
        assertTrue(alert.path("kibana.alert.workflow_status_updated_at").asText().matches(ServiceApi.TIMESTAMP_PATTERN));
        assertTrue(alert.has("kibana.alert.workflow_user") && alert.get("kibana.alert.workflow_user").isNull());

        List<Row> audit = audit(space, alerts.get(0));
        assertEquals(1, audit.size());
        assertEquals("analyst", audit.get(0).getString("user_name"));
        assertEquals("status", audit.get(0).getString("action"));
        JsonNode changes = parse(audit.get(0).getString("changes"));
        assertEquals("kibana.alert.workflow_status", changes.at("/0/field").asText());
        assertEquals("open", changes.at("/0/from").asText());
        assertEquals("acknowledged", changes.at("/0/to").asText());

        ConsumerRecord<String, String> event = ServiceApi.published(Topics.ALERT_CHANGES, alerts.get(0));
        ServiceApi.assertCloudEvent(event, EventTypes.ALERT_STATUS_CHANGED, alerts.get(0), "/alert-service");
        JsonNode payload = parse(event.value());
        assertEquals(space, payload.path("space").asText());
        assertEquals("analyst", payload.path("user").asText());
        assertEquals("acknowledged", payload.at("/changes/0/to").asText());

        // The same request again changes nothing, and records nothing.
        JsonNode again = json(post(space, "status", "{\"signal_ids\":" + ids(alerts) + ",\"status\":\"acknowledged\"}"));
        assertEquals(4, again.path("total").asInt());
        assertEquals(0, again.path("updated").asInt());
        assertEquals(4, again.path("noops").asInt());
        assertEquals(1, audit(space, alerts.get(0)).size());
    }

    @Test
    void closesWithAReasonAndReopeningClearsIt() {
        String space = ServiceApi.newSpace();
        List<String> alerts = AlertFixtures.publishAlerts(space, 2);
        awaitAlerts(space, 2);
        post(space, "status", "{\"signal_ids\":" + ids(alerts) + ",\"status\":\"closed\",\"reason\":\"automated_closure\"}")
                .then().statusCode(200);
        JsonNode closed = source(space, alerts.get(1));
        assertEquals("closed", closed.path("kibana.alert.workflow_status").asText());
        assertEquals("automated_closure", closed.path("kibana.alert.workflow_reason").asText());

        post(space, "status", "{\"signal_ids\":" + ids(alerts) + ",\"status\":\"open\"}").then().statusCode(200);
        JsonNode reopened = source(space, alerts.get(1));
        assertEquals("open", reopened.path("kibana.alert.workflow_status").asText());
        assertTrue(reopened.get("kibana.alert.workflow_reason").isNull());
    }

    @Test
    void setsTheStatusByQueryWithinTheSpaceOnly() {
        String space = ServiceApi.newSpace();
        String other = ServiceApi.newSpace();
        AlertFixtures.publishAlerts(space, 6);
        List<String> elsewhere = AlertFixtures.publishAlerts(other, 2);
        awaitAlerts(space, 6);
        awaitAlerts(other, 2);

        JsonNode result = json(post(space, "status", """
                {"query":{"bool":{"filter":[{"term":{"host.name":"host-0"}}]}},"status":"closed","conflicts":"proceed"}"""));
        assertEquals(2, result.path("total").asInt(), result.toString());
        assertEquals(2, result.path("updated").asInt());

        JsonNode all = json(post(space, "status", "{\"query\":{\"match_all\":{}},\"status\":\"in-progress\"}"));
        assertEquals(6, all.path("updated").asInt());
        assertEquals("open", source(other, elsewhere.get(0)).path("kibana.alert.workflow_status").asText());
    }

    @Test
    void runtimeFieldsWithoutAScriptSelectByValuesOfTheSourceAndScriptsAreRefusedClearly() {
        String space = ServiceApi.newSpace();
        AlertFixtures.publishAlerts(space, 3);
        awaitAlerts(space, 3);
        // event.outcome is in every alert's _source but not in the alerts mapping: a query cannot see it...
        JsonNode unmapped = json(post(space, "status", """
                {"query":{"term":{"event.outcome":"success"}},"status":"closed"}"""));
        assertEquals(0, unmapped.path("total").asInt(), unmapped.toString());
        // ...unless a runtime field without a script reads it from _source (no script engine needed).
        JsonNode byRuntimeField = json(post(space, "status", """
                {"query":{"term":{"event.outcome":"success"}},"status":"closed",
                 "runtime_fields":{"event.outcome":"keyword"}}"""));
        assertEquals(3, byRuntimeField.path("updated").asInt(), byRuntimeField.toString());
        JsonNode byRuntimeMapping = json(post(space, "status", """
                {"query":{"term":{"event.outcome":"success"}},"status":"open",
                 "runtime_mappings":{"event.outcome":{"type":"keyword"}}}"""));
        assertEquals(3, byRuntimeMapping.path("updated").asInt(), byRuntimeMapping.toString());

        Response scripted = post(space, "status", """
                {"query":{"term":{"alert_test_rt":"scripted_match"}},"status":"open",
                 "runtime_mappings":{"alert_test_rt":{"type":"keyword","script":{"source":"emit('scripted_match')"}}}}""");
        assertEquals(400, scripted.statusCode(), scripted.asString());
        assertTrue(json(scripted).path("message").asText().startsWith(
                "[request body]: runtime_mappings: the Elasticsearch cluster cannot run the runtime field's script"),
                scripted.asString());
    }

    @Test
    void refusesBadStatusRequestsNamingTheField() {
        String space = ServiceApi.newSpace();
        assertPlatformError(post(space, "status", "{\"signal_ids\":[\"1\"],\"status\":\"done\"}"),
                "[request body]: status: Invalid enum value. Expected 'open' | 'closed' | 'acknowledged' | 'in-progress',"
                        + " received 'done'");
        assertPlatformError(post(space, "status", "{\"signal_ids\":[],\"status\":\"open\"}"),
                "[request body]: signal_ids: Array must contain at least 1 element(s)");
        assertPlatformError(post(space, "status", "{\"signal_ids\":[\"1\"],\"query\":{\"match_all\":{}},\"status\":\"open\"}"),
                "[request body]: signal_ids and query cannot be used together: select the alerts either by signal_ids"
                        + " or by query");
        assertPlatformError(post(space, "status", "{\"status\":\"open\"}"),
                "[request body]: signal_ids: Required, query: Required (the alerts are selected either by signal_ids"
                        + " or by query)");
        assertPlatformError(post(space, "status", "{\"query\":\"host.name:x\",\"status\":\"open\"}"),
                "[request body]: query: Expected object, received string");
        assertPlatformError(post(space, "status", "{\"query\":{\"match_all\":{}},\"status\":\"open\",\"conflicts\":\"ignore\"}"),
                "[request body]: conflicts: Invalid enum value. Expected 'abort' | 'proceed', received 'ignore'");
        assertPlatformError(post(space, "status", "{\"signal_ids\":[\"1\"],\"status\":\"closed\",\"reason\":\""
                        + "x".repeat(1025) + "\"}"),
                "[request body]: reason: String must contain at most 1024 character(s)");
        assertPlatformError(post(space, "status", ""), "[request body]: Expected object, received null");

        AlertFixtures.publishAlerts(space, 1);
        awaitAlerts(space, 1);
        Response unknownClause = post(space, "status", "{\"query\":{\"no_such_query\":{}},\"status\":\"open\"}");
        assertEquals(400, unknownClause.statusCode(), unknownClause.asString());
        assertTrue(json(unknownClause).path("message").asText().startsWith("[request body]: query: "),
                unknownClause.asString());
    }

    @Test
    void tagsAreAddedAndRemovedIdempotentlyWithoutDuplicates() {
        String space = ServiceApi.newSpace();
        List<String> alerts = AlertFixtures.publishAlerts(space, 2);
        awaitAlerts(space, 2);
        tags(space, alerts, "[\"tag-1\"]", "[]");
        assertEquals("[\"tag-1\"]", tagsOf(space, alerts.get(0)));
        JsonNode again = tags(space, alerts, "[\"tag-1\"]", "[]");
        assertEquals(2, again.path("noops").asInt());
        assertEquals("[\"tag-1\"]", tagsOf(space, alerts.get(0)));
        tags(space, alerts, "[\"tag-1\",\"tag-2\",\"tag-2\"]", "[]");
        assertEquals("[\"tag-1\",\"tag-2\"]", tagsOf(space, alerts.get(1)));
        tags(space, alerts, "[]", "[\"tag-2\"]");
        assertEquals("[\"tag-1\"]", tagsOf(space, alerts.get(1)));
        tags(space, alerts, "[]", "[\"tag-1\",\"not-there\"]");
        assertEquals("[]", tagsOf(space, alerts.get(1)));
        assertEquals(4, audit(space, alerts.get(1)).size());

        assertPlatformError(post(space, "tags", "{\"ids\":[],\"tags\":{\"tags_to_add\":[],\"tags_to_remove\":[]}}"),
                "[request body]: ids: Array must contain at least 1 element(s)");
        Response both = post(space, "tags", "{\"ids\":[\"123\"],\"tags\":{\"tags_to_add\":[\"test-1\"],\"tags_to_remove\":[\"test-1\"]}}");
        assertEquals(parse("{\"message\":[\"Duplicate tags [\\\"test-1\\\"] were found in the tags_to_add and"
                + " tags_to_remove parameters.\"],\"status_code\":400}"), json(both));
        assertPlatformError(post(space, "tags", "{\"ids\":[\"1\"],\"tags\":{\"tags_to_add\":[\"\"]}}"),
                "[request body]: tags.tags_to_add.0: String must contain at least 1 character(s),"
                        + " tags.tags_to_add.0: No empty strings allowed, tags.tags_to_remove: Required");
    }

    @Test
    void assigneesAreAddedAndRemovedIdempotentlyWithoutDuplicates() {
        String space = ServiceApi.newSpace();
        List<String> alerts = AlertFixtures.publishAlerts(space, 1);
        awaitAlerts(space, 1);
        assignees(space, alerts, "[\"user-1\",\"user-2\"]", "[]");
        assignees(space, alerts, "[\"user-3\"]", "[\"user-2\"]");
        assertEquals("[\"user-1\",\"user-3\"]", assigneesOf(space, alerts.get(0)));
        assignees(space, alerts, "[\"user-1\",\"user-1\",\"user-1\",\"user-2\"]", "[\"user-3\"]");
        assertEquals("[\"user-1\",\"user-2\"]", assigneesOf(space, alerts.get(0)));
        assignees(space, alerts, "[]", "[\"user-2\",\"user-2\"]");
        assertEquals("[\"user-1\"]", assigneesOf(space, alerts.get(0)));
        JsonNode unchanged = assignees(space, alerts, "[]", "[]");
        assertEquals(1, unchanged.path("noops").asInt());
        assertEquals("[\"user-1\"]", assigneesOf(space, alerts.get(0)));

        assertPlatformError(post(space, "assignees", "{\"ids\":[],\"assignees\":{\"add\":[],\"remove\":[]}}"),
                "[request body]: ids: Array must contain at least 1 element(s)");
        assertPlatformError(post(space, "assignees", "{\"ids\":[\"123\",\"\"],\"assignees\":{\"add\":[],\"remove\":[]}}"),
                "[request body]: ids.1: String must contain at least 1 character(s), ids.1: No empty strings allowed");
        Response both = post(space, "assignees", "{\"ids\":[\"123\"],\"assignees\":{\"add\":[\"test-1\"],\"remove\":[\"test-1\"]}}");
        assertEquals(parse("{\"message\":[\"Duplicate assignees [\\\"test-1\\\"] were found in the add and remove"
                + " parameters.\"],\"status_code\":400}"), json(both));
    }

    @Test
    void refusesCallersWithoutAToken() {
        for (String path : List.of("status", "tags", "assignees", "search")) {
            given().contentType("application/json").body("{}").post("/api/detection_engine/signals/" + path)
                    .then().statusCode(401);
        }
    }

    private static JsonNode tags(String space, List<String> alerts, String add, String remove) {
        Response response = post(space, "tags", "{\"ids\":" + ids(alerts) + ",\"tags\":{\"tags_to_add\":" + add
                + ",\"tags_to_remove\":" + remove + "}}");
        assertEquals(200, response.statusCode(), response.asString());
        return json(response);
    }

    private static JsonNode assignees(String space, List<String> alerts, String add, String remove) {
        Response response = post(space, "assignees", "{\"ids\":" + ids(alerts) + ",\"assignees\":{\"add\":" + add
                + ",\"remove\":" + remove + "}}");
        assertEquals(200, response.statusCode(), response.asString());
        return json(response);
    }

    private static String tagsOf(String space, String id) {
        return source(space, id).path("kibana.alert.workflow_tags").toString();
    }

    private static String assigneesOf(String space, String id) {
        return source(space, id).path("kibana.alert.workflow_assignee_ids").toString();
    }

    private static void assertEmpty(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        com.fasterxml.jackson.databind.node.ObjectNode body = json(response);
        assertTrue(body.remove("took").isIntegralNumber());
        assertEquals(parse(EMPTY), body);
    }

    private List<Row> audit(String space, String alertId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT user_name, action, changes::text AS changes FROM alert_changes"
                        + " WHERE space = $1 AND alert_id = $2 ORDER BY id")
                .execute(Tuple.of(space, alertId)).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
