package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.opendetection.e2e.RuleApi.json;
import static io.opendetection.e2e.RuleApi.read;
import static io.opendetection.e2e.RuleApi.simpleRule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** BEHAVIOURS.md B.9: bulk actions, manual runs, and rule exception items (#80). */
@ExtendWith(SystemUnderTest.class)
class RuleBulkActionsE2eTest {

    private static JsonNode ok(Response response) {
        response.then().statusCode(200);
        return json(response);
    }

    private static ObjectNode tagged(String ruleId, String... tags) {
        ObjectNode rule = simpleRule(ruleId);
        var array = rule.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return rule;
    }

    @Test
    void b68_bulkExportAnswersNdjson() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        Response export = api.bulk("{\"query\":\"\",\"action\":\"export\"}");
        export.then().statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("application/ndjson"))
                .header("Content-Disposition", equalTo("attachment; filename=\"rules_export.ndjson\""));
        String[] lines = export.asString().split("\n");
        assertEquals("rule-1", read(lines[0]).get("rule_id").asText());
        assertEquals(1, read(lines[1]).get("exported_rules_count").asInt());
    }

    @Test
    void b69_bulkDeleteAnswersTheDeletedRules() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        JsonNode result = ok(api.bulk("{\"query\":\"\",\"action\":\"delete\"}"));
        assertEquals(read("{\"failed\":0,\"skipped\":0,\"succeeded\":1,\"total\":1}"), result.at("/attributes/summary"));
        assertEquals(rule, result.at("/attributes/results/deleted/0"));
        api.get("rule_id", "rule-1").then().statusCode(404);
    }

    @Test
    void b70_duplicateCopiesUnderANewIdentity() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1").put("max_signals", 200).put("setup", "# setup");
        request.set("related_integrations", read("[{\"package\":\"package-a\",\"version\":\"^1.2.3\"}]"));
        JsonNode rule = api.create(request);
        JsonNode copy = ok(api.bulk("{\"query\":\"\",\"action\":\"duplicate\",\"duplicate\":{\"include_exceptions\":false,"
                + "\"include_expired_exceptions\":false}}")).at("/attributes/results/created/0");
        assertEquals("Simple Rule Query [Duplicate]", copy.get("name").asText());
        assertNotEquals(rule.get("id"), copy.get("id"));
        assertNotEquals(rule.get("rule_id"), copy.get("rule_id"));
        for (String field : List.of("max_signals", "setup", "related_integrations", "query", "index")) {
            assertEquals(rule.get(field), copy.get(field), field);
        }
        api.find().then().body("total", equalTo(2));
    }

    @Test
    void b71_duplicateCopiesTheDefaultListAndSharesTheOthers() {
        RuleApi api = new RuleApi();
        Response probe = Gateway.asAdmin().post(api.api("/api/exception_lists/_duplicate"));
        Assumptions.assumeTrue(probe.statusCode() != 404 || probe.asString().contains("does not exist"),
                "skipped: exceptions-service does not offer POST /api/exception_lists/_duplicate in this build");
        Gateway.asAdmin().contentType("application/json").body("""
                {"description":"default","list_id":"default-list","name":"default","type":"rule_default"}""")
                .post(api.api("/api/exception_lists")).then().statusCode(200);
        JsonNode defaultList = json(Gateway.asAdmin().queryParam("list_id", "default-list").get(api.api("/api/exception_lists")));
        ObjectNode request = simpleRule("rule-1");
        request.set("exceptions_list", read("[{\"id\":\"" + defaultList.get("id").asText() + "\",\"list_id\":\"default-list\","
                + "\"namespace_type\":\"single\",\"type\":\"rule_default\"},{\"id\":\"shared-id\",\"list_id\":\"shared\","
                + "\"namespace_type\":\"single\",\"type\":\"detection\"}]"));
        api.create(request);
        JsonNode copy = ok(api.bulk("{\"query\":\"\",\"action\":\"duplicate\"}")).at("/attributes/results/created/0");
        JsonNode lists = copy.get("exceptions_list");
        assertEquals(2, lists.size());
        JsonNode copiedDefault = lists.get(0).get("type").asText().equals("rule_default") ? lists.get(0) : lists.get(1);
        assertNotEquals("default-list", copiedDefault.get("list_id").asText());
        assertEquals("single", copiedDefault.get("namespace_type").asText());
    }

    @Test
    void b72_addTagsAppendsNewTagsOnce() {
        RuleApi api = new RuleApi();
        api.create(tagged("rule-1", "tag1", "tag2", "tag3"));
        JsonNode result = ok(api.bulk("{\"query\":\"\",\"action\":\"edit\",\"edit\":[{\"type\":\"add_tags\",\"value\":[\"tag4\",\"tag5\",\"tag1\"]}]}"));
        assertEquals(read("{\"failed\":0,\"skipped\":0,\"succeeded\":1,\"total\":1}"), result.at("/attributes/summary"));
        assertEquals(read("[\"tag1\",\"tag2\",\"tag3\",\"tag4\",\"tag5\"]"), result.at("/attributes/results/updated/0/tags"));
        api.get("rule_id", "rule-1").then().body("tags", equalTo(List.of("tag1", "tag2", "tag3", "tag4", "tag5")));
    }

    @Test
    void b73_noOpEditsSkipTheRule() {
        RuleApi api = new RuleApi();
        api.create(tagged("rule-1", "tag1", "tag2"));
        for (String edit : List.of("{\"type\":\"delete_tags\",\"value\":[\"absent\"]}", "{\"type\":\"delete_tags\",\"value\":[]}",
                "{\"type\":\"add_tags\",\"value\":[\"tag1\"]}", "{\"type\":\"add_tags\",\"value\":[]}")) {
            JsonNode result = ok(api.bulk("{\"query\":\"\",\"action\":\"edit\",\"edit\":[" + edit + "]}"));
            assertEquals(read("{\"failed\":0,\"skipped\":1,\"succeeded\":0,\"total\":1}"), result.at("/attributes/summary"), edit);
            assertEquals("RULE_NOT_MODIFIED", result.at("/attributes/results/skipped/0/skip_reason").asText());
        }
    }

    @Test
    void b74_indexPatternsAreSetAddedAndDeleted() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        String edit = "{\"query\":\"\",\"action\":\"edit\",\"edit\":[{\"type\":\"%s\",\"value\":%s}]}";
        assertEquals(read("[\"initial-index-*\"]"), ok(api.bulk(edit.formatted("set_index_patterns", "[\"initial-index-*\"]")))
                .at("/attributes/results/updated/0/index"));
        ok(api.bulk(edit.formatted("set_index_patterns", "[\"index1-*\",\"index2-*\"]")));
        assertEquals(read("[\"index1-*\",\"index2-*\",\"index3-*\"]"), ok(api.bulk(edit.formatted("add_index_patterns", "[\"index3-*\"]")))
                .at("/attributes/results/updated/0/index"));
        assertEquals(read("[\"index1-*\",\"index3-*\"]"), ok(api.bulk(edit.formatted("delete_index_patterns", "[\"index2-*\"]")))
                .at("/attributes/results/updated/0/index"));
    }

    @Test
    void b75_indexPatternsCannotBeAddedToAMachineLearningRule() {
        RuleApi api = new RuleApi();
        JsonNode ml = api.create(RuleApi.mlRule("ml-1"));
        Response response = api.bulk("{\"ids\":[\"" + ml.get("id").asText() + "\"],\"action\":\"edit\",\"edit\":[{\"type\":\"add_index_patterns\",\"value\":[\"index-*\"]}]}");
        response.then().statusCode(500);
        JsonNode body = json(response);
        assertEquals(read("{\"failed\":1,\"skipped\":0,\"succeeded\":0,\"total\":1}"), body.at("/attributes/summary"));
        assertEquals(read("{\"message\":\"Index patterns can't be added. Machine learning rule doesn't have index patterns property\","
                + "\"status_code\":500,\"rules\":[{\"id\":\"" + ml.get("id").asText() + "\",\"name\":\"Simple ML Rule\"}]}"),
                body.at("/attributes/errors/0"));
    }

    @Test
    void b76_indexPatternsCannotBecomeEmpty() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        for (String edit : List.of("{\"type\":\"delete_index_patterns\",\"value\":[\"auditbeat-*\"]}", "{\"type\":\"set_index_patterns\",\"value\":[]}")) {
            Response response = api.bulk("{\"query\":\"\",\"action\":\"edit\",\"edit\":[" + edit + "]}");
            response.then().statusCode(500);
            assertEquals("Mutated params invalid: Index patterns can't be empty", json(response).at("/attributes/errors/0/message").asText());
        }
        assertEquals(rule, json(api.get("rule_id", "rule-1")));
    }

    @Test
    void b77_aPartialFailureSaysSoAndKeepsTheResults() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.create(RuleApi.mlRule("ml-1"));
        Response response = api.bulk("{\"query\":\"\",\"action\":\"edit\",\"edit\":[{\"type\":\"add_index_patterns\",\"value\":[\"x-*\"]}]}");
        response.then().statusCode(500).body("message", equalTo("Bulk edit partially failed")).body("status_code", equalTo(500))
                .body("attributes.summary.succeeded", equalTo(1)).body("attributes.summary.failed", equalTo(1))
                .body("attributes.results.updated[0].rule_id", equalTo("rule-1"));
    }

    @Test
    void b78_theSuccessEnvelope() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        JsonNode result = ok(api.bulk("{\"query\":\"\",\"action\":\"enable\"}"));
        assertEquals(true, result.get("success").asBoolean());
        assertEquals(1, result.get("rules_count").asInt());
        java.util.Set<String> keys = new java.util.TreeSet<>();
        result.at("/attributes/results").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("created", "deleted", "skipped", "updated"), List.copyOf(keys));
        assertEquals(true, result.at("/attributes/results/updated/0/enabled").asBoolean());
        assertEquals(0, result.at("/attributes/results/updated/0/revision").asInt());
        JsonNode again = ok(api.bulk("{\"query\":\"alert.attributes.enabled: true\",\"action\":\"disable\"}"));
        assertEquals(false, again.at("/attributes/results/updated/0/enabled").asBoolean());
    }

    @Test
    void b79_theRouteRefusesContradictoryRequests() {
        RuleApi api = new RuleApi();
        api.bulk("{\"query\":\"\",\"ids\":[\"x\"],\"action\":\"delete\"}").then().statusCode(400)
                .body("message", equalTo("Both query and ids are sent. Define either ids or query in request payload."));
        api.request().body("{\"query\":\"\",\"action\":\"export\"}").post(api.base + "/_bulk_action?dry_run=true").then()
                .statusCode(400).body("message", equalTo("Export action doesn't support dry_run mode"));
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            ids.append(i == 0 ? "" : ",").append("\"").append(java.util.UUID.randomUUID()).append("\"");
        }
        api.bulk("{\"ids\":[" + ids + "],\"action\":\"delete\"}").then().statusCode(400)
                .body("message", equalTo("More than 100 ids sent for bulk edit action."));
    }

    @Test
    void b80_exceptionItemsGoToTheRulesDefaultList() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        Response response = api.request().body("""
                {"items":[{"description":"Exception item","entries":[{"field":"some.not.nested.field","operator":"included",
                 "type":"match","value":"some value"}],"name":"Sample exception item","type":"simple","expire_time":"%s"}]}"""
                .formatted(Instant.now().plusSeconds(86_400).toString())).post(api.base + "/" + rule.get("id").asText() + "/exceptions");
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode items = json(response);
        assertEquals(1, items.size());
        JsonNode attached = json(api.get("rule_id", "rule-1")).get("exceptions_list");
        assertEquals(1, attached.size());
        assertEquals("rule_default", attached.at("/0/type").asText());
        assertEquals(attached.at("/0/list_id"), items.at("/0/list_id"));
        api.request().body("{\"items\":[]}").post(api.base + "/not-a-uuid/exceptions").then().statusCode(400)
                .body("message", equalTo("[request params]: id: Invalid uuid"));
    }

    /**
     * {@code run} (ROUTES.md 2.3, ENGINE.md 1.8): an event two hours old, outside the window a
     * scheduled run looks at, is found by a manual run over that time, through the executor: an
     * alert whose execution type is {@code manual}. A disabled rule fails with Kibana's code.
     */
    @Test
    void runQueuesAManualRunThatTheExecutorCarriesOut() {
        Assumptions.assumeTrue(SystemUnderTest.stack().isPresent(),
                "indexing events needs the started stack's Elasticsearch (not available when attached to a running system)");
        String elasticsearch = "http://" + SystemUnderTest.stack().get().infrastructure().elasticsearchHosts().split(",")[0];
        String index = "logs-e2e-run-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        given().baseUri(elasticsearch).contentType(ContentType.JSON).body("""
                {"@timestamp":"%s","event":{"kind":"event","category":"authentication"},"user":{"name":"root"},
                 "host":{"name":"old-host"}}""".formatted(now.minus(Duration.ofHours(2))))
                .queryParam("refresh", "true").post("/" + index + "/_doc").then().statusCode(201);
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-run").put("enabled", true).put("interval", "1h").put("from", "now-2m")
                .put("query", "user.name: root");
        request.putArray("index").add(index);
        JsonNode rule = api.create(request);
        JsonNode disabled = api.create(simpleRule("rule-off"));

        String run = "{\"ids\":[\"%s\",\"%s\"],\"action\":\"run\",\"run\":{\"start_date\":\"%s\",\"end_date\":\"%s\"}}"
                .formatted(rule.get("id").asText(), disabled.get("id").asText(), now.minus(Duration.ofHours(3)),
                        now.minus(Duration.ofHours(1)));
        Response response = api.bulk(run);
        response.then().statusCode(500).body("message", equalTo("Bulk edit partially failed"));
        JsonNode body = json(response);
        assertEquals(read("{\"failed\":1,\"skipped\":0,\"succeeded\":1,\"total\":2}"), body.at("/attributes/summary"));
        assertEquals(read("[{\"message\":\"Cannot schedule manual rule run for a disabled rule\",\"status_code\":500,"
                + "\"err_code\":\"MANUAL_RULE_RUN_DISABLED_RULE\",\"rules\":[{\"id\":\"" + disabled.get("id").asText()
                + "\",\"name\":\"Simple Rule Query\"}]}]"), body.at("/attributes/errors"));
        assertEquals(rule.get("id"), body.at("/attributes/results/updated/0/id"));

        String alert = KafkaProbe.await(SystemUnderTest.endpoints().kafkaBootstrapServers(), Topics.ALERTS,
                        candidate -> read(candidate.value()).path("document").path("kibana.alert.rule.uuid").asText()
                                .equals(rule.get("id").asText()), Duration.ofSeconds(120))
                .orElseThrow(() -> new AssertionError("no alert of the manual run on " + Topics.ALERTS)).value();
        JsonNode document = read(alert).path("document");
        assertEquals("manual", document.path("kibana.alert.rule.execution.type").asText());
        assertEquals("old-host", document.path("host").path("name").asText());
    }
}
