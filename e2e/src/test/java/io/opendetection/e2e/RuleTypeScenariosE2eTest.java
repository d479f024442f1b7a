package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule type through the whole system: ECS events indexed into the embedded Elasticsearch, an
 * exception list that leaves out one host, the rule created through the gateway, and exactly the
 * expected alerts found in {@code .alerts-security.alerts-default}, written there by alert-service.
 * Each scenario's events come from the host {@code excluded-host} too, where they would alert but for
 * the exception, so every type is shown to apply it; and from {@code listed-host}, left out by a
 * second item whose entry names a value list holding that host, so every type applies value lists
 * too (the executor reads the list from lists-service with its own token).
 */
@ExtendWith(SystemUnderTest.class)
class RuleTypeScenariosE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";
    private static final String ALERTS_INDEX = ".alerts-security.alerts-default";
    private static final String EXCLUDED = "excluded-host";
    private static final String LISTED = "listed-host";
    private static final Duration ALERTS_WITHIN = Duration.ofSeconds(120);

    @Test
    void queryRule() {
        String index = rootAndBobLogins();
        ObjectNode rule = rule("query", index).put("query", "user.name: root").put("language", "kuery");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals("query", alerts.get(0).path("kibana.alert.rule.type").asText());
        assertEquals("open", alerts.get(0).path("kibana.alert.workflow_status").asText());
    }

    @Test
    void savedQueryRule() {
        String index = rootAndBobLogins();
        ObjectNode rule = rule("saved_query", index).put("saved_id", "root-logins").put("query", "user.name: root");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals("saved_query", alerts.get(0).path("kibana.alert.rule.type").asText());
    }

    @Test
    void thresholdRule() {
        String index = eventsIndex();
        Instant now = Instant.now();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(login(now.minusSeconds(50 - i), "root", "web-01"));
            events.add(login(now.minusSeconds(40 - i), "root", EXCLUDED));
            events.add(login(now.minusSeconds(45 - i), "root", LISTED));
        }
        events.add(login(now.minusSeconds(30), "root", "web-02"));
        index(index, events.toArray(ObjectNode[]::new));
        ObjectNode rule = rule("threshold", index).put("query", "event.category: authentication");
        rule.putObject("threshold").put("value", 3).putArray("field").add("host.name");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        JsonNode terms = alerts.get(0).path("kibana.alert.threshold_result").path("terms");
        assertEquals("host.name", terms.path(0).path("field").asText());
        assertEquals("web-01", terms.path(0).path("value").asText());
        assertEquals(3, alerts.get(0).path("kibana.alert.threshold_result").path("count").asInt());
    }

    @Test
    void newTermsRule() {
        String index = eventsIndex();
        Instant now = Instant.now();
        index(index, login(now.minus(Duration.ofHours(3)), "root", "web-01"), login(now.minusSeconds(40), "root", "web-01"),
                login(now.minusSeconds(35), "root", EXCLUDED), login(now.minusSeconds(33), "root", LISTED),
                login(now.minusSeconds(30), "root", "web-02"));
        ObjectNode rule = rule("new_terms", index).put("query", "user.name: root").put("history_window_start", "now-1d");
        rule.putArray("new_terms_fields").add("host.name");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals("web-02", alerts.get(0).path("kibana.alert.new_terms").path(0).asText());
        assertEquals(Set.of("web-02"), hosts(alerts));
    }

    @Test
    void esqlRule() {
        String index = rootAndBobLogins();
        ObjectNode rule = rule("esql", null).put("language", "esql")
                .put("query", "FROM " + index + " METADATA _id, _index, _version | WHERE user.name == \"root\"");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals("esql", alerts.get(0).path("kibana.alert.rule.type").asText());
    }

    @Test
    void threatMatchRule() {
        String index = eventsIndex();
        String intel = "e2e-intel-" + UUID.randomUUID().toString().substring(0, 8);
        createIndex(intel, """
                {"mappings":{"properties":{"@timestamp":{"type":"date"},"threat":{"properties":{
                 "indicator":{"properties":{"ip":{"type":"ip"},"type":{"type":"keyword"}}}}}}}}""");
        ObjectNode indicator = JSON.createObjectNode().put("@timestamp", Instant.now().toString());
        indicator.putObject("threat").putObject("indicator").put("ip", "10.0.0.66").put("type", "ipv4-addr");
        index(intel, indicator);
        Instant now = Instant.now();
        index(index, from(login(now.minusSeconds(40), "root", "web-01"), "10.0.0.66"),
                from(login(now.minusSeconds(35), "root", EXCLUDED), "10.0.0.66"),
                from(login(now.minusSeconds(33), "root", LISTED), "10.0.0.66"),
                from(login(now.minusSeconds(30), "root", "web-02"), "10.0.0.7"));
        ObjectNode rule = rule("threat_match", index).put("query", "source.ip: *").put("threat_query", "threat.indicator.type: *");
        rule.putArray("threat_index").add(intel);
        rule.putArray("threat_mapping").addObject().putArray("entries").addObject()
                .put("field", "source.ip").put("type", "mapping").put("value", "threat.indicator.ip");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals("indicator_match_rule", alerts.get(0).path("threat").path("enrichments").path(0)
                .path("matched").path("type").asText());
    }

    @Test
    void machineLearningRule() {
        String job = "e2e-job-" + UUID.randomUUID().toString().substring(0, 8);
        String index = ".ml-anomalies-custom-" + job;
        createIndex(index, """
                {"mappings":{"properties":{"job_id":{"type":"keyword"},"result_type":{"type":"keyword"},
                 "is_interim":{"type":"boolean"},"record_score":{"type":"double"},"timestamp":{"type":"date"},
                 "host":{"properties":{"name":{"type":"keyword"}}}}}}""");
        long at = Instant.now().minusSeconds(30).toEpochMilli();
        index(index, anomaly(job, 82.5, at, "web-01"), anomaly(job, 91, at, EXCLUDED), anomaly(job, 88, at, LISTED),
                anomaly(job, 12, at, "web-02"));
        ObjectNode rule = rule("machine_learning", null).put("anomaly_threshold", 50);
        rule.putArray("machine_learning_job_id").add(job);

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals(82.5, alerts.get(0).path("record_score").asDouble());
    }

    @Test
    void eqlEventRule() {
        String index = rootAndBobLogins();
        ObjectNode rule = rule("eql", index).put("language", "eql")
                .put("query", "authentication where user.name == \"root\"");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 1);
        assertEquals(Set.of("web-01"), hosts(alerts));
        assertEquals("eql", alerts.get(0).path("kibana.alert.rule.type").asText());
    }

    @Test
    void eqlSequenceRuleRaisesBuildingBlocksAndAShell() {
        String index = eventsIndex();
        Instant now = Instant.now();
        index(index, login(now.minusSeconds(50), "root", "web-01"), process(now.minusSeconds(45), "sh", "web-01"),
                login(now.minusSeconds(40), "root", EXCLUDED), process(now.minusSeconds(35), "sh", EXCLUDED),
                login(now.minusSeconds(34), "root", LISTED), process(now.minusSeconds(33), "sh", LISTED),
                login(now.minusSeconds(30), "bob", "web-02"), process(now.minusSeconds(25), "sh", "web-02"));
        ObjectNode rule = rule("eql", index).put("language", "eql").put("query",
                "sequence by host.name [authentication where user.name == \"root\"] [process where process.name == \"sh\"]");

        List<JsonNode> alerts = alertsOf(create(rule, excludedHostList()), 3);
        List<JsonNode> shells = alerts.stream().filter(alert -> !alert.has("kibana.alert.building_block_type")).toList();
        List<JsonNode> blocks = alerts.stream().filter(alert -> alert.has("kibana.alert.building_block_type")).toList();
        assertEquals(1, shells.size(), () -> "one shell alert: " + alerts);
        assertEquals(2, blocks.size(), () -> "two building blocks: " + alerts);
        String group = shells.get(0).path("kibana.alert.group.id").asText();
        assertTrue(!group.isEmpty(), () -> "the shell names its group: " + shells.get(0));
        for (JsonNode block : blocks) {
            assertEquals(group, block.path("kibana.alert.group.id").asText());
            assertEquals("web-01", host(block));
        }
        assertEquals(Set.of(0, 1), new TreeSet<>(blocks.stream()
                .map(block -> block.path("kibana.alert.group.index").asInt()).toList()));
    }

    @Test
    void suppressedQueryRuleUpdatesItsAlertWithinTheWindow() {
        String index = eventsIndex();
        Instant now = Instant.now();
        index(index, login(now.minusSeconds(50), "root", "web-01"), login(now.minusSeconds(40), "root", "web-01"),
                login(now.minusSeconds(35), "root", EXCLUDED), login(now.minusSeconds(30), "bob", "web-02"));
        ObjectNode rule = rule("query", index).put("query", "user.name: root").put("language", "kuery");
        ObjectNode suppression = rule.putObject("alert_suppression");
        suppression.putArray("group_by").add("host.name");
        suppression.putObject("duration").put("value", 1).put("unit", "h");

        String ruleId = create(rule, excludedHostList());
        JsonNode alert = alertsOf(ruleId, 1).get(0);
        assertEquals("web-01", host(alert));
        assertEquals(1, alert.path("kibana.alert.suppression.docs_count").asInt(), () -> "alert: " + alert);
        assertEquals("[{\"field\":\"host.name\",\"value\":\"web-01\"}]",
                alert.path("kibana.alert.suppression.terms").toString());

        // another login within the hour: the next run (a minute later) counts it on the same alert
        index(index, login(Instant.now(), "root", "web-01"));
        await().atMost(ALERTS_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<JsonNode> alerts = searchAlerts(ruleId);
            assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
            assertEquals(2, alerts.get(0).path("kibana.alert.suppression.docs_count").asInt());
        });
    }

    // ---- rules

    private static ObjectNode rule(String type, String index) {
        ObjectNode rule = JSON.createObjectNode().put("name", "E2E " + type).put("description", "rule type scenario")
                .put("risk_score", 47).put("severity", "medium").put("type", type).put("interval", "1m")
                .put("from", "now-5m");
        if (index != null) {
            rule.putArray("index").add(index);
        }
        return rule;
    }

    /** Creates the rule with the exception list attached; the rule runs at once, being enabled. */
    private static String create(ObjectNode rule, ObjectNode exceptionList) {
        rule.putArray("exceptions_list").add(exceptionList);
        return Gateway.asAdmin().contentType("application/json").body(rule.toString())
                .post(RULES).then().statusCode(200).extract().path("id");
    }

    /**
     * A detection exception list whose items leave out events of {@link #EXCLUDED} (a match entry)
     * and of the hosts in a keyword value list holding {@link #LISTED} (a list entry), returned as a
     * rule's {@code exceptions_list} entry once rule-service's projection holds the items (so the
     * rule's first run already applies them).
     */
    private static ObjectNode excludedHostList() {
        String listId = "e2e-scenario-" + UUID.randomUUID();
        String listUuid = Gateway.asAdmin().contentType("application/json").body("""
                        {"list_id":"%s","name":"Excluded host","description":"known good","type":"detection"}"""
                        .formatted(listId))
                .post("/api/exception_lists").then().statusCode(200).extract().path("id");
        Gateway.asAdmin().contentType("application/json").body("""
                        {"list_id":"%s","name":"Excluded host","description":"known good","type":"simple",
                         "entries":[{"field":"host.name","operator":"included","type":"match","value":"%s"}]}"""
                        .formatted(listId, EXCLUDED))
                .post("/api/exception_lists/items").then().statusCode(200);
        Gateway.asAdmin().contentType("application/json").body("""
                        {"list_id":"%s","name":"Listed hosts","description":"known good","type":"simple",
                         "entries":[{"field":"host.name","operator":"included","type":"list",
                                     "list":{"id":"%s","type":"keyword"}}]}"""
                        .formatted(listId, listedHosts()))
                .post("/api/exception_lists/items").then().statusCode(200);
        ExceptionsE2eTest.awaitProjectionItems("default", listUuid, 2);
        return JSON.createObjectNode().put("id", listUuid).put("list_id", listId).put("type", "detection")
                .put("namespace_type", "single");
    }

    /** A keyword value list holding {@link #LISTED}, in the default space's list storage. */
    private static String listedHosts() {
        int storage = Gateway.asAdmin().post("/api/lists/index").statusCode();
        assertTrue(storage == 200 || storage == 409, "list storage: " + storage);
        String id = "e2e-hosts-" + UUID.randomUUID();
        Gateway.asAdmin().contentType("application/json").body("""
                        {"id":"%s","name":"Known hosts","description":"known good hosts","type":"keyword"}""".formatted(id))
                .post("/api/lists").then().statusCode(200);
        Gateway.asAdmin().contentType("application/json").body("""
                        {"list_id":"%s","value":"%s"}""".formatted(id, LISTED))
                .post("/api/lists/items").then().statusCode(200);
        return id;
    }

    // ---- alerts

    /** Waits for {@code expected} alerts of the rule in the alerts index, then checks no more come. */
    private static List<JsonNode> alertsOf(String ruleId, int expected) {
        await().atMost(ALERTS_WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> searchAlerts(ruleId).size() >= expected);
        // an alert the exception should have prevented would come with the others: give it time to show
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> searchAlerts(ruleId).size() == expected);
        List<JsonNode> alerts = searchAlerts(ruleId);
        assertEquals(expected, alerts.size(), () -> "alerts of rule " + ruleId + ": " + alerts);
        return alerts;
    }

    private static List<JsonNode> searchAlerts(String ruleId) {
        var response = given().baseUri(elasticsearch()).contentType(ContentType.JSON)
                .body("{\"size\":100,\"query\":{\"term\":{\"kibana.alert.rule.uuid\":\"" + ruleId + "\"}}}")
                .queryParam("ignore_unavailable", "true")
                .post("/" + ALERTS_INDEX + "/_search");
        List<JsonNode> alerts = new ArrayList<>();
        // 503: the index alert-service has just created has no shard ready yet; the caller polls again
        if (response.statusCode() == 503) {
            return alerts;
        }
        String body = response.then().statusCode(200).extract().asString();
        parse(body).path("hits").path("hits").forEach(hit -> alerts.add(hit.path("_source")));
        return alerts;
    }

    private static Set<String> hosts(List<JsonNode> alerts) {
        Set<String> hosts = new TreeSet<>();
        alerts.forEach(alert -> hosts.add(host(alert)));
        return hosts;
    }

    /** host.name of an alert, whether its source event wrote it as an object path or a dotted key. */
    private static String host(JsonNode alert) {
        JsonNode dotted = alert.path("host.name");
        return dotted.isMissingNode() ? alert.path("host").path("name").asText() : dotted.asText();
    }

    // ---- events

    private static String elasticsearch() {
        Assumptions.assumeTrue(SystemUnderTest.stack().isPresent(),
                "indexing events needs the started stack's Elasticsearch (not available when attached to a running system)");
        return "http://" + SystemUnderTest.stack().get().infrastructure().elasticsearchHosts().split(",")[0];
    }

    /**
     * A fresh index holding root's logins on web-01 (to alert on), on {@link #EXCLUDED} and
     * {@link #LISTED} (left out by the exceptions), and bob's on web-02 (matching no rule).
     */
    private static String rootAndBobLogins() {
        String index = eventsIndex();
        Instant now = Instant.now();
        index(index, login(now.minusSeconds(40), "root", "web-01"), login(now.minusSeconds(35), "root", EXCLUDED),
                login(now.minusSeconds(33), "root", LISTED), login(now.minusSeconds(30), "bob", "web-02"));
        return index;
    }

    /** A fresh index with ECS keyword fields, so terms aggregations and exact matches work as on real data. */
    private static String eventsIndex() {
        String index = "logs-e2e-scenario-" + UUID.randomUUID().toString().substring(0, 8);
        createIndex(index, """
                {"mappings":{"properties":{"@timestamp":{"type":"date"},
                 "event":{"properties":{"kind":{"type":"keyword"},"category":{"type":"keyword"},"outcome":{"type":"keyword"}}},
                 "user":{"properties":{"name":{"type":"keyword"}}},"host":{"properties":{"name":{"type":"keyword"}}},
                 "process":{"properties":{"name":{"type":"keyword"}}},"source":{"properties":{"ip":{"type":"ip"}}}}}}""");
        return index;
    }

    private static void createIndex(String index, String mapping) {
        given().baseUri(elasticsearch()).contentType(ContentType.JSON).body(mapping).put("/" + index)
                .then().statusCode(200);
    }

    private static ObjectNode login(Instant at, String user, String host) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        event.putObject("event").put("kind", "event").put("category", "authentication").put("outcome", "success");
        event.putObject("user").put("name", user);
        event.putObject("host").put("name", host);
        return event;
    }

    private static ObjectNode from(ObjectNode event, String sourceIp) {
        event.putObject("source").put("ip", sourceIp);
        return event;
    }

    private static ObjectNode process(Instant at, String name, String host) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        event.putObject("event").put("kind", "event").put("category", "process");
        event.putObject("process").put("name", name);
        event.putObject("host").put("name", host);
        return event;
    }

    private static ObjectNode anomaly(String job, double score, long at, String host) {
        ObjectNode record = JSON.createObjectNode().put("job_id", job).put("result_type", "record")
                .put("is_interim", false).put("record_score", score).put("timestamp", at);
        record.putObject("host").put("name", host);
        return record;
    }

    /** Bulk-indexes the documents, refreshed, so the rule's first run sees them all. */
    private static void index(String index, ObjectNode... documents) {
        StringBuilder bulk = new StringBuilder();
        for (ObjectNode document : documents) {
            bulk.append("{\"index\":{}}\n").append(document).append('\n');
        }
        given().baseUri(elasticsearch()).contentType("application/x-ndjson")
                .body(bulk.toString().getBytes(StandardCharsets.UTF_8))
                .queryParam("refresh", "true").post("/" + index + "/_bulk").then().statusCode(200)
                .body("errors", equalTo(false));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
