package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.opendetection.rules.execution.DetectionFixtures.JSON;
import static io.opendetection.rules.execution.DetectionFixtures.alertsOf;
import static io.opendetection.rules.execution.DetectionFixtures.executionsOf;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** new_terms, machine_learning and esql rules, each against the test kit's Elasticsearch. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class OtherRuleTypesExecutionTest {

    private static ObjectNode rule(String type) {
        return JSON.createObjectNode().put("name", "Rule " + type).put("description", "d").put("risk_score", 50)
                .put("severity", "medium").put("type", type).put("interval", "2s").put("from", "now-5m");
    }

    private static String create(String space, ObjectNode rule) {
        return ServiceApi.in("elastic", space).body(rule.toString()).post("/api/detection_engine/rules")
                .then().statusCode(200).extract().path("id");
    }

    private static String failure(String ruleId) {
        return "executions: " + executionsOf(ruleId, list -> !list.isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void newTermsAlertOnATermNeverSeenInTheHistoryWindow() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        indexEvent(index, now.minus(Duration.ofHours(3)), "root", "web-01");
        indexEvent(index, now.minusSeconds(40), "root", "web-01");
        String first = indexEvent(index, now.minusSeconds(30), "root", "web-02");
        indexEvent(index, now.minusSeconds(20), "root", "web-02");
        ObjectNode rule = rule("new_terms").put("query", "user.name: root").put("history_window_start", "now-1d");
        rule.putArray("index").add(index);
        rule.putArray("new_terms_fields").add("host.name");
        String ruleId = create(space, rule);

        Map<String, JsonNode> alerts = alertsOf(ruleId, 2, Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), () -> failure(ruleId));
        JsonNode alert = alerts.values().iterator().next().path("document");
        assertEquals("web-02", alert.path("kibana.alert.new_terms").path(0).asText());
        assertEquals(first, alert.path("kibana.alert.ancestors").path(0).path("id").asText());
        assertEquals("new_terms", alert.path("kibana.alert.rule.type").asText());
    }

    @Test
    void machineLearningAlertsOnAnomalyRecordsAtOrAboveTheThreshold() {
        String space = ServiceApi.newSpace();
        String job = "auth-anomalies-" + UUID.randomUUID().toString().substring(0, 8);
        String index = ".ml-anomalies-custom-" + job;
        given().baseUri(DetectionFixtures.elasticsearch()).contentType(ContentType.JSON).body("""
                {"mappings":{"properties":{"job_id":{"type":"keyword"},"result_type":{"type":"keyword"},
                 "is_interim":{"type":"boolean"},"record_score":{"type":"double"},"timestamp":{"type":"date"}}}}""")
                .put("/" + index).then().statusCode(200);
        long at = Instant.now().minusSeconds(30).toEpochMilli();
        String high = anomaly(index, job, 82.5, at, false);
        anomaly(index, job, 12, at, false);
        anomaly(index, job, 90, at, true);
        anomaly(index, "another-job", 95, at, false);
        ObjectNode rule = rule("machine_learning").put("anomaly_threshold", 50).put("machine_learning_job_id", job);
        String ruleId = create(space, rule);

        Map<String, JsonNode> alerts = alertsOf(ruleId, 2, Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), () -> failure(ruleId));
        assertEquals(AlertIds.forEvent(index, high, "1", space, ruleId), alerts.keySet().iterator().next());
        JsonNode alert = alerts.values().iterator().next().path("document");
        assertEquals(io.opendetection.common.document.Timestamps.of(Instant.ofEpochMilli(at)),
                alert.path("kibana.alert.original_time").asText());
        assertEquals(82.5, alert.path("record_score").asDouble());
    }

    private static String anomaly(String index, String job, double score, long at, boolean interim) {
        ObjectNode record = JSON.createObjectNode().put("job_id", job).put("result_type", "record")
                .put("is_interim", interim).put("record_score", score).put("timestamp", at);
        return DetectionFixtures.index(index, record);
    }

    @Test
    void esqlRowsWithMetadataAreEventsAndAggregatingRowsAreAlertsToo() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        String root = indexEvent(index, now.minusSeconds(30), "root", "web-01");
        indexEvent(index, now.minusSeconds(25), "bob", "web-01");
        ObjectNode events = rule("esql").put("language", "esql")
                .put("query", "FROM " + index + " METADATA _id, _index, _version | WHERE user.name == \"root\"");
        String eventsRule = create(space, events);
        Map<String, JsonNode> alerts = alertsOf(eventsRule, 2, Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), () -> failure(eventsRule));
        JsonNode alert = alerts.values().iterator().next().path("document");
        assertEquals(root, alert.path("kibana.alert.ancestors").path(0).path("id").asText());
        assertEquals("root", alert.path("user").path("name").asText());

        ObjectNode stats = rule("esql").put("language", "esql")
                .put("query", "FROM " + index + " | STATS logins = COUNT(*) BY host.name | WHERE logins >= 2");
        String statsRule = create(space, stats);
        JsonNode row = alertsOf(statsRule, 1, Duration.ofSeconds(30)).values().iterator().next().path("document");
        assertEquals(2, row.path("logins").asInt(), () -> failure(statsRule));
        assertEquals("web-01", row.path("host").path("name").asText());
    }

    @Test
    void threatMatchAlertsOnEventsMatchingAnIndicatorWithItsEnrichment() {
        String space = ServiceApi.newSpace();
        String events = newIndex("net");
        String intel = "threat-intel-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(DetectionFixtures.elasticsearch()).contentType(ContentType.JSON).body("""
                {"mappings":{"properties":{"@timestamp":{"type":"date"},"threat":{"properties":{
                 "indicator":{"properties":{"ip":{"type":"ip"},"type":{"type":"keyword"}}},
                 "feed":{"properties":{"name":{"type":"keyword"}}}}}}}}""")
                .put("/" + intel).then().statusCode(200);
        ObjectNode indicator = JSON.createObjectNode().put("@timestamp", Instant.now().toString());
        ObjectNode threat = indicator.putObject("threat");
        threat.putObject("indicator").put("ip", "10.0.0.66").put("type", "ipv4-addr");
        threat.putObject("feed").put("name", "AbuseCH");
        String indicatorId = DetectionFixtures.index(intel, indicator);
        Instant now = Instant.now();
        ObjectNode bad = JSON.createObjectNode().put("@timestamp", now.minusSeconds(30).toString());
        bad.putObject("source").put("ip", "10.0.0.66");
        String badEvent = DetectionFixtures.index(events, bad);
        ObjectNode good = JSON.createObjectNode().put("@timestamp", now.minusSeconds(20).toString());
        good.putObject("source").put("ip", "10.0.0.7");
        DetectionFixtures.index(events, good);

        ObjectNode rule = rule("threat_match").put("query", "source.ip: *")
                .put("threat_query", "threat.indicator.type: \"ipv4-addr\"");
        rule.putArray("index").add(events);
        rule.putArray("threat_index").add(intel);
        rule.putArray("threat_mapping").addObject().putArray("entries").addObject()
                .put("field", "source.ip").put("type", "mapping").put("value", "threat.indicator.ip");
        String ruleId = create(space, rule);

        Map<String, JsonNode> alerts = alertsOf(ruleId, 2, Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), () -> failure(ruleId));
        assertEquals(AlertIds.forEvent(events, badEvent, "1", space, ruleId), alerts.keySet().iterator().next());
        JsonNode enrichment = alerts.values().iterator().next().path("document").path("threat").path("enrichments").path(0);
        assertEquals(indicatorId, enrichment.path("matched").path("id").asText());
        assertEquals("source.ip", enrichment.path("matched").path("field").asText());
        assertEquals("10.0.0.66", enrichment.path("matched").path("atomic").asText());
        assertEquals("indicator_match_rule", enrichment.path("matched").path("type").asText());
        assertEquals("10.0.0.66", enrichment.path("indicator").path("ip").asText());
        assertEquals("AbuseCH", enrichment.path("feed").path("name").asText());
    }
}
