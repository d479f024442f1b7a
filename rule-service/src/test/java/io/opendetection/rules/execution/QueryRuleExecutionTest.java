package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.ExceptionItemChange;
import io.opendetection.contracts.events.ExceptionListChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.rules.execution.manual.ManualRuns;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.opendetection.rules.execution.DetectionFixtures.JSON;
import static io.opendetection.rules.execution.DetectionFixtures.alertsOf;
import static io.opendetection.rules.execution.DetectionFixtures.executionsOf;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query rules run on schedule against the test kit's Elasticsearch: alerts in Kibana's shape on
 * detection.alerts.v1, the execution summary in the rule API, Kibana's messages for what goes wrong.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
@WithTestResource(ListsServiceStandIn.class)
class QueryRuleExecutionTest {
    private static final String RULES = "/api/detection_engine/rules";

    @Inject
    Pool pool;

    @Inject
    ManualRuns manualRuns;

    private static ObjectNode queryRule(String index, String query) {
        ObjectNode rule = JSON.createObjectNode()
                .put("name", "Root logins").put("description", "Someone logs in as root")
                .put("risk_score", 21).put("severity", "high").put("type", "query")
                .put("query", query).put("interval", "2s").put("from", "now-5m");
        rule.putArray("index").add(index);
        return rule;
    }

    private static String create(String space, ObjectNode rule) {
        return ServiceApi.in("elastic", space).body(rule.toString()).post(RULES)
                .then().statusCode(200).extract().path("id");
    }

    private static void awaitLastExecution(String space, String id, String status, String message) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ServiceApi.in("elastic", space)
                .queryParam("id", id).get(RULES).then().statusCode(200)
                .body("execution_summary.last_execution.status", equalTo(status))
                .body("execution_summary.last_execution.message", equalTo(message)));
    }

    @Test
    void b18_anEnabledQueryRuleRaisesOneAlertPerMatchingEventAndSucceeds() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String first = indexEvent(index, now.minusSeconds(30), "root", "web-01");
        String second = indexEvent(index, now.minusSeconds(20), "root", "web-02");
        indexEvent(index, now.minusSeconds(10), "bob", "web-01");
        String ruleId = create(space, queryRule(index, "user.name: root"));

        Map<String, JsonNode> alerts = alertsOf(ruleId, 2, Duration.ofSeconds(60));
        assertEquals(Set.of(AlertIds.forEvent(index, first, "1", space, ruleId),
                AlertIds.forEvent(index, second, "1", space, ruleId)), alerts.keySet());
        JsonNode event = alerts.get(AlertIds.forEvent(index, first, "1", space, ruleId));
        assertEquals(space, event.path("space").asText());
        JsonNode alert = event.path("document");
        assertEquals(event.path("id").asText(), alert.path("kibana.alert.uuid").asText());
        assertEquals("open", alert.path("kibana.alert.workflow_status").asText());
        assertEquals("active", alert.path("kibana.alert.status").asText());
        assertEquals("signal", alert.path("event").path("kind").asText());
        assertEquals("event", alert.path("kibana.alert.original_event.kind").asText());
        assertEquals("authentication", alert.path("kibana.alert.original_event.category").asText());
        assertEquals("root", alert.path("user").path("name").asText());
        assertEquals(space, alert.path("kibana.space_ids").path(0).asText());
        assertEquals(ruleId, alert.path("kibana.alert.rule.uuid").asText());
        assertEquals("Root logins", alert.path("kibana.alert.rule.name").asText());
        assertEquals("query", alert.path("kibana.alert.rule.type").asText());
        assertEquals("high", alert.path("kibana.alert.severity").asText());
        assertEquals(21, alert.path("kibana.alert.risk_score").asInt());
        assertEquals("scheduled", alert.path("kibana.alert.rule.execution.type").asText());
        assertEquals(1, alert.path("kibana.alert.depth").asInt());
        assertEquals(first, alert.path("kibana.alert.ancestors").path(0).path("id").asText());
        assertEquals("event", alert.path("kibana.alert.ancestors").path(0).path("type").asText());
        assertEquals(index, alert.path("kibana.alert.ancestors").path(0).path("index").asText());
        assertEquals(io.opendetection.common.document.Timestamps.of(now.minusSeconds(30)),
                alert.path("kibana.alert.original_time").asText());
        assertEquals("authentication event\nby root\non web-01 created high alert Root logins.",
                alert.path("kibana.alert.reason").asText());
        assertEquals("user.name: root", alert.path("kibana.alert.rule.parameters").path("query").asText());

        awaitLastExecution(space, ruleId, "succeeded", "Rule execution completed successfully");
        ServiceApi.in("elastic", space).queryParam("id", ruleId).get(RULES).then()
                .body("execution_summary.last_execution.metrics.total_search_duration_ms", greaterThanOrEqualTo(0))
                .body("execution_summary.last_execution.metrics.total_indexing_duration_ms", greaterThanOrEqualTo(0));
        // _find answers stored documents unparsed, the summary spliced in: the same summary, valid JSON
        ServiceApi.in("elastic", space).get(RULES + "/_find").then().statusCode(200)
                .body("total", equalTo(1))
                .body("data[0].id", equalTo(ruleId))
                .body("data[0].execution_summary.last_execution.status", equalTo("succeeded"))
                .body("data[0].execution_summary.last_execution.metrics.total_search_duration_ms", greaterThanOrEqualTo(0));
        JsonNode execution = executionsOf(ruleId, list -> !list.isEmpty(), Duration.ofSeconds(30)).get(0);
        assertEquals("scheduled", execution.path("executionType").asText());
    }

    @Test
    void b18_anIndexPatternMatchingNothingIsAPartialFailure() {
        String space = ServiceApi.newSpace();
        String ruleId = create(space, queryRule("does-not-exist-*", "*"));
        awaitLastExecution(space, ruleId, "partial failure", "This rule is attempting to query data from Elasticsearch"
                + " indices listed in the \"Index patterns\" section of the rule definition, however no index matching:"
                + " [\"does-not-exist-*\"] was found. This warning will continue to appear until a matching index is"
                + " created or this rule is disabled.");
    }

    @Test
    void aQueryElasticsearchRejectsFailsTheRun() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        indexEvent(index, Instant.now().minusSeconds(5), "root", "web-01");
        // The default max_signals reads one page; 1000 (pages of 100 in tests) reads under a point in time.
        for (int maxSignals : new int[] {100, 1000}) {
            ObjectNode rule = queryRule(index, "user.name:(");
            rule.put("language", "lucene");
            rule.put("max_signals", maxSignals);
            String ruleId = create(space, rule);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ServiceApi.in("elastic", space)
                    .queryParam("id", ruleId).get(RULES).then().statusCode(200)
                    .body("execution_summary.last_execution.status", equalTo("failed"))
                    .body("execution_summary.last_execution.message", startsWith(
                            "An error occurred during rule execution: message: \"search_phase_execution_exception")));
        }
    }

    @Test
    void maxSignalsStopsTheRunWithKibanasWarningAndTheClampIsReported() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            indexEvent(index, now.minusSeconds(30 - i), "root", "web-0" + i);
        }
        ObjectNode limited = queryRule(index, "user.name: root");
        limited.put("max_signals", 2);
        String limitedId = create(space, limited);
        assertEquals(2, alertsOf(limitedId, 3, Duration.ofSeconds(10)).size());
        awaitLastExecution(space, limitedId, "partial failure",
                "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.");

        ObjectNode clamped = queryRule(index, "user.name: nobody");
        clamped.put("max_signals", 5000);
        String clampedId = create(space, clamped);
        awaitLastExecution(space, clampedId, "partial failure", "The rule's max alerts per run setting (5000) is"
                + " greater than the Kibana alerting limit (1000). The rule will only write a maximum of 1000 alerts"
                + " per rule run.");
    }

    @Test
    void aRuleMatchingManyPagesRaisesEveryAlertOnceWhileKafkaAcknowledgesEarlierPages() {
        // Pages of 100 in tests: 450 events are five pages, more than are left unacknowledged at once.
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < 450; i++) {
            String id = "event-" + i;
            eventIds.add(id);
            ObjectNode event = JSON.createObjectNode().put("@timestamp", now.minusMillis(60_000L - i * 100L).toString())
                    .put("message", "login " + i);
            event.putObject("user").put("name", "root");
            bulk.append("{\"create\":{\"_id\":\"").append(id).append("\"}}\n").append(event).append('\n');
        }
        given().baseUri(DetectionFixtures.elasticsearch()).contentType(ContentType.JSON).body(bulk.toString())
                .queryParam("refresh", "true").post("/" + index + "/_bulk")
                .then().statusCode(200).body("errors", equalTo(false));
        ObjectNode rule = queryRule(index, "user.name: root");
        rule.put("max_signals", 1000);
        String ruleId = create(space, rule);

        Map<String, JsonNode> alerts = alertsOf(ruleId, 450, Duration.ofSeconds(60));
        Set<String> expected = new HashSet<>();
        eventIds.forEach(id -> expected.add(AlertIds.forEvent(index, id, "1", space, ruleId)));
        assertEquals(expected, alerts.keySet());
        awaitLastExecution(space, ruleId, "succeeded", "Rule execution completed successfully");
    }

    @Test
    void filtersAndExceptionsLeaveEventsOut() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String kept = indexEvent(index, now.minusSeconds(40), "root", "web-01");
        indexEvent(index, now.minusSeconds(35), "root", "jump-01");
        String expiredException = indexEvent(index, now.minusSeconds(30), "root", "web-09");
        indexEvent(index, now.minusSeconds(25), "root", "filtered-01");
        ObjectNode fromListedIp = JSON.createObjectNode().put("@timestamp", now.minusSeconds(20).toString());
        fromListedIp.putObject("user").put("name", "root");
        fromListedIp.putObject("host").put("name", "web-02");
        fromListedIp.putObject("source").put("ip", "10.1.2.3");
        DetectionFixtures.index(index, fromListedIp);

        UUID listId = UUID.randomUUID();
        ObjectNode list = JSON.createObjectNode().put("id", listId.toString()).put("list_id", "admins-" + listId)
                .put("namespace_type", "single").put("type", "detection").put("name", "Admin hosts");
        DetectionFixtures.send(Topics.EXCEPTIONS, listId.toString(), EventTypes.EXCEPTION_LIST_CREATED,
                new ExceptionListChange(space, list));
        item(space, listId, """
                [{"field":"host.name","operator":"included","type":"match","value":"jump-01"}]""", null);
        item(space, listId, """
                [{"field":"host.name","operator":"included","type":"match","value":"web-09"}]""", "2020-01-01T00:00:00.000Z");
        item(space, listId, """
                [{"field":"source.ip","operator":"included","type":"list","list":{"id":"bad-ips","type":"ip"}}]""", null);
        item(space, listId, """
                [{"field":"host.name","operator":"included","type":"list","list":{"id":"gone-list","type":"keyword"}}]""", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("elastic", Set.of("superuser"), space))
                .get("/internal/exception-lists/" + listId).then().statusCode(200).body("items.size()", equalTo(4)));

        ObjectNode rule = queryRule(index, "user.name: root");
        rule.putArray("exceptions_list").addObject().put("id", listId.toString()).put("list_id", "admins-" + listId)
                .put("namespace_type", "single").put("type", "detection");
        rule.putArray("filters").addObject()
                .<ObjectNode>set("meta", JSON.createObjectNode().put("negate", true).put("disabled", false))
                .putObject("query").putObject("match_phrase").put("host.name", "filtered-01");
        String ruleId = create(space, rule);

        Map<String, JsonNode> alerts = alertsOf(ruleId, 3, Duration.ofSeconds(10));
        assertEquals(Set.of(AlertIds.forEvent(index, kept, "1", space, ruleId),
                AlertIds.forEvent(index, expiredException, "1", space, ruleId)), alerts.keySet());
        // the event from 10.1.2.3, inside the value list's 10.1.0.0/16, is left out; the missing list is reported
        awaitLastExecution(space, ruleId, "partial failure", "The value list \"gone-list\" could not be read:"
                + " the exception items that use it were not applied");
    }

    private static void item(String space, UUID listId, String entries, String expireTime) {
        UUID itemId = UUID.randomUUID();
        ObjectNode item = JSON.createObjectNode().put("id", itemId.toString()).put("item_id", "item-" + itemId)
                .put("name", "n").put("type", "simple").put("created_at", Instant.now().toString());
        item.set("entries", DetectionFixtures.parse(entries));
        if (expireTime != null) {
            item.put("expire_time", expireTime);
        }
        DetectionFixtures.send(Topics.EXCEPTIONS, itemId.toString(), EventTypes.EXCEPTION_ITEM_CREATED,
                new ExceptionItemChange(space, listId.toString(), item));
    }

    @Test
    void aRuleLastRunLongAgoCatchesUpRecordsTheGapAndRefillsIt() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String inGap = indexEvent(index, now.minus(Duration.ofMinutes(8)), "root", "web-gap");
        String inCatchup = indexEvent(index, now.minus(Duration.ofMinutes(5)), "root", "web-catchup");
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO execution_state (rule_id, space, last_started_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(id, space, now.minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        ObjectNode rule = DetectionFixtures.rule(id, index, "user.name: root");
        rule.put("interval", "1m").put("from", "now-2m");
        DetectionFixtures.publishRule(space, rule);

        JsonNode first = executionsOf(id.toString(), list -> !list.isEmpty(), Duration.ofSeconds(60)).get(0);
        assertEquals("failed", first.path("status").asText());
        assertTrue(first.path("message").asText().startsWith("4 minutes ("), first.toString());
        assertTrue(first.path("message").asText().contains("ms) were not queried between this rule execution and the"
                + " last execution, so signals may have been missed."), first.toString());
        long gapSeconds = first.path("executionGapS").asLong();
        assertTrue(gapSeconds >= 240 && gapSeconds < 260, first.toString());

        Map<String, JsonNode> alerts = alertsOf(id.toString(), 2, Duration.ofSeconds(60));
        JsonNode caughtUp = alerts.get(AlertIds.forEvent(index, inCatchup, "1", space, id.toString()));
        JsonNode refilled = alerts.get(AlertIds.forEvent(index, inGap, "1", space, id.toString()));
        assertEquals("scheduled", caughtUp.path("document").path("kibana.alert.rule.execution.type").asText());
        assertEquals("manual", refilled.path("document").path("kibana.alert.rule.execution.type").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("elastic", Set.of("superuser"), space))
                .get("/internal/rule-executions/" + id + "/gaps").then().statusCode(200)
                .body("total", equalTo(1)).body("data[0].status", equalTo("filled"))
                .body("data[0].reason", equalTo("rule_did_not_run")));
    }

    @Test
    void aManualRunQueriesItsRangeAndMarksItsAlerts() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String old = indexEvent(index, now.minus(Duration.ofHours(2)), "root", "web-old");
        UUID id = UUID.randomUUID();
        ObjectNode rule = DetectionFixtures.rule(id, index, "user.name: root");
        rule.put("interval", "1h").put("from", "now-2m");
        DetectionFixtures.publishRule(space, rule);
        manualRuns.queue(space, id, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1))).await().indefinitely();
        Map<String, JsonNode> alerts = alertsOf(id.toString(), 1, Duration.ofSeconds(60));
        JsonNode alert = alerts.get(AlertIds.forEvent(index, old, "1", space, id.toString())).path("document");
        assertEquals("manual", alert.path("kibana.alert.rule.execution.type").asText());
        assertFalse(alert.path("kibana.alert.intended_timestamp").asText().isEmpty());
    }
}
