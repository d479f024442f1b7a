package io.opendetection.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUT, PATCH, _find, _export and _import against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class RuleManagementApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";

    /** Each test works in a space of its own, so counts are its own. */
    private static String space() {
        return TestTokens.bearer("elastic", Set.of("superuser"), "t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static JsonNode create(String token, ObjectNode rule) throws Exception {
        return JSON.readTree(given().header("Authorization", token).contentType("application/json").body(rule.toString())
                .post(RULES).then().statusCode(200).extract().asString());
    }

    private static Response send(String token, String method, String path, Object body) {
        var request = given().header("Authorization", token).contentType("application/json");
        if (body != null) {
            request.body(body.toString());
        }
        return request.request(method, path);
    }

    @Test
    void putReplacesAndPatchMerges() throws Exception {
        String token = space();
        ObjectNode rule = RulesApiTest.simpleRule("rule-1").put("max_signals", 200).put("timeline_id", "t1")
                .put("timeline_title", "T1");
        JsonNode created = create(token, rule);

        ObjectNode put = RulesApiTest.simpleRule("rule-1").put("name", "other name");
        JsonNode replaced = JSON.readTree(send(token, "PUT", RULES, put).then().statusCode(200).extract().asString());
        assertEquals(1, replaced.get("revision").asInt());
        assertEquals(1, replaced.get("version").asInt());
        assertEquals(100, replaced.get("max_signals").asInt());
        assertFalse(replaced.has("timeline_id"));
        assertEquals(created.get("id"), replaced.get("id"));
        assertEquals(created.get("created_at"), replaced.get("created_at"));

        JsonNode enabledOnly = JSON.readTree(send(token, "PATCH", RULES, "{\"rule_id\":\"rule-1\",\"enabled\":true}")
                .then().statusCode(200).extract().asString());
        assertEquals(1, enabledOnly.get("revision").asInt());
        assertTrue(enabledOnly.get("enabled").asBoolean());

        JsonNode patched = JSON.readTree(send(token, "PATCH", RULES,
                "{\"id\":\"" + created.get("id").asText() + "\",\"severity\":\"low\"}").then().statusCode(200).extract().asString());
        assertEquals(2, patched.get("revision").asInt());
        assertEquals("low", patched.get("severity").asText());
        assertEquals("other name", patched.get("name").asText());

        send(token, "PATCH", RULES, "{\"rule_id\":\"fake_id\",\"name\":\"x\"}").then().statusCode(404)
                .body("message", org.hamcrest.Matchers.equalTo("rule_id: \"fake_id\" not found"));
        // A failed PUT leaves the rule as it was.
        ObjectNode bad = RulesApiTest.simpleRule("rule-1").put("type", "threshold");
        send(token, "PUT", RULES, bad).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.equalTo("[request body]: threshold: Required"));
        given().header("Authorization", token).queryParam("rule_id", "rule-1").get(RULES).then().statusCode(200)
                .body("severity", org.hamcrest.Matchers.equalTo("low"));
    }

    @Test
    void aDefaultExceptionListBelongsToOneRule() throws Exception {
        String token = space();
        ObjectNode a = RulesApiTest.simpleRule("rule-a");
        a.putArray("exceptions_list").addObject().put("id", "2").put("list_id", "123").put("namespace_type", "single")
                .put("type", "rule_default");
        JsonNode ruleA = create(token, a);
        ObjectNode b = RulesApiTest.simpleRule("rule-b");
        b.set("exceptions_list", a.get("exceptions_list"));
        send(token, "POST", RULES, b).then().statusCode(409).body("message", org.hamcrest.Matchers.equalTo(
                "default exception list already exists in rule(s): " + ruleA.get("id").asText()));
        create(token, RulesApiTest.simpleRule("rule-b"));
        send(token, "PUT", RULES, b).then().statusCode(409).body("message", org.hamcrest.Matchers.equalTo(
                "default exception list for rule: rule-b already exists in rule(s): " + ruleA.get("id").asText()));
        // Its own rule may keep it.
        send(token, "PUT", RULES, a.put("name", "renamed")).then().statusCode(200);
    }

    @Test
    void findPagesSortsAndFilters() throws Exception {
        String token = space();
        given().header("Authorization", token).get(RULES + "/_find").then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo("{\"page\":1,\"perPage\":20,\"total\":0,\"data\":[]}"));
        for (int i = 0; i < 5; i++) {
            ObjectNode rule = RulesApiTest.simpleRule("r" + i).put("name", "rule " + i).put("risk_score", 10 + i);
            rule.putArray("tags").add(i % 2 == 0 ? "even" : "odd");
            create(token, rule);
        }
        JsonNode page = JSON.readTree(given().header("Authorization", token)
                .queryParam("filter", "alert.attributes.tags: even and alert.attributes.params.immutable: false")
                .queryParam("sort_field", "risk_score").queryParam("sort_order", "desc").queryParam("per_page", "2")
                .get(RULES + "/_find").then().statusCode(200).extract().asString());
        assertEquals(3, page.get("total").asInt());
        assertEquals(2, page.get("data").size());
        assertEquals("r4", page.get("data").get(0).get("rule_id").asText());
        assertEquals("r2", page.get("data").get(1).get("rule_id").asText());
        // A tag is matched whole and within the space: another space's rules with it do not count.
        String other = space();
        create(other, RulesApiTest.simpleRule("r0").put("name", "elsewhere").set("tags",
                JSON.createArrayNode().add("even").add("Domain: Endpoint")));
        given().header("Authorization", token).queryParam("filter", "alert.attributes.tags: even")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(3));
        given().header("Authorization", token).queryParam("filter", "alert.attributes.tags: eve")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        given().header("Authorization", other).queryParam("filter", "alert.attributes.tags: \"Domain: Endpoint\"")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1))
                .body("data[0].name", org.hamcrest.Matchers.equalTo("elsewhere"));
        given().header("Authorization", token).queryParam("sort_field", "name").get(RULES + "/_find").then().statusCode(400)
                .body(org.hamcrest.Matchers.equalTo(
                        "{\"message\":[\"when \\\"sort_order\\\" and \\\"sort_field\\\" must exist together or not at all\"],\"status_code\":400}"));
        given().header("Authorization", token).queryParam("filter", "alert.attributes.enabled: true")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
        given().header("Authorization", token).queryParam("filter", "alert.attributes.name: \"rule 3\"")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
        given().header("Authorization", token).queryParam("filter", "alert.attributes.params.risk_score >= 13")
                .get(RULES + "/_find").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void exportThenImportRoundTrips() throws Exception {
        String token = space();
        create(token, RulesApiTest.simpleRule("x1"));
        create(token, RulesApiTest.simpleRule("x2"));
        Response export = send(token, "POST", RULES + "/_export", null);
        assertEquals(200, export.statusCode(), export.asString());
        assertEquals("attachment; filename=\"export.ndjson\"", export.header("Content-Disposition"));
        assertTrue(export.contentType().startsWith("application/ndjson"), export.contentType());
        String[] lines = export.asString().split("\n");
        assertEquals(3, lines.length, export.asString());
        JsonNode details = JSON.readTree(lines[2]);
        assertEquals(2, details.get("exported_rules_count").asInt());
        assertEquals(2, details.get("exported_count").asInt());

        String other = space();
        Response imported = given().header("Authorization", other)
                .multiPart("file", "rules.ndjson", export.asString().getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import");
        assertEquals(200, imported.statusCode(), imported.asString());
        JsonNode result = JSON.readTree(imported.asString());
        assertEquals(2, result.get("success_count").asInt(), result.toString());
        assertEquals(2, result.get("rules_count").asInt());
        assertTrue(result.get("success").asBoolean());

        JsonNode again = JSON.readTree(given().header("Authorization", other)
                .multiPart("file", "rules.ndjson", export.asString().getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import").then().statusCode(200).extract().asString());
        assertEquals(0, again.get("success_count").asInt());
        assertEquals("Rule with this rule_id already exists", again.at("/errors/0/error/message").asText());
        assertEquals(409, again.at("/errors/0/error/status_code").asInt());

        given().header("Authorization", other)
                .multiPart("file", "rules.txt", "{}".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(RULES + "/_import").then().statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("{\"message\":\"Invalid file extension .txt\",\"status_code\":400}"));
    }

    @Test
    void importReportsBadLinesAndKeepsTheGoodOnes() throws Exception {
        String token = space();
        String file = RulesApiTest.simpleRule("good").toString() + "\n"
                + RulesApiTest.simpleRule("bad-from").put("from", "now-3755555555555555.67s") + "\n"
                + "{not json\n"
                + RulesApiTest.simpleRule("good").toString() + "\n";
        JsonNode result = JSON.readTree(given().header("Authorization", token)
                .multiPart("file", "rules.ndjson", file.getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import").then().statusCode(200).extract().asString());
        assertEquals(1, result.get("success_count").asInt(), result.toString());
        assertEquals(4, result.get("rules_count").asInt(), result.toString());
        assertEquals(3, result.get("errors").size(), result.toString());
        assertEquals("from: Failed to parse date-math expression", result.at("/errors/0/error/message").asText());
        assertEquals("bad-from", result.at("/errors/0/rule_id").asText());
        assertTrue(result.at("/errors/1/error/message").asText().startsWith("line 3: "), result.toString());
        assertEquals("More than one rule with rule-id: \"good\" found", result.at("/errors/2/error/message").asText());
    }

    @Test
    void importOfSeveralBatchesAnswersInFileOrderAndTheLastOccurrenceWins() throws Exception {
        String token = space();
        // 1,200 lines: three batches, written concurrently; errors in the first and last batch.
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 1_200; i++) {
            ObjectNode rule = RulesApiTest.simpleRule("many-" + i).put("name", "rule " + i);
            if (i == 3 || i == 1_100) {
                rule.put("risk_score", 101);
            }
            if (i == 1_150) {
                rule.put("rule_id", "many-1").put("name", "rule 1, again");
            }
            file.append(rule).append('\n');
        }
        JsonNode result = JSON.readTree(given().header("Authorization", token).queryParam("overwrite", "true")
                .multiPart("file", "rules.ndjson", file.toString().getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import").then().statusCode(200).extract().asString());
        assertEquals(1_200, result.get("rules_count").asInt(), result.toString());
        assertEquals(1_197, result.get("success_count").asInt(), result.toString());
        assertEquals(2, result.get("errors").size(), result.toString());
        assertEquals("many-3", result.at("/errors/0/rule_id").asText());
        assertEquals("many-1100", result.at("/errors/1/rule_id").asText());
        given().header("Authorization", token).queryParam("rule_id", "many-1").get(RULES).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("rule 1, again"));
        given().header("Authorization", token).queryParam("per_page", "1").get(RULES + "/_find").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1_197));

        // The export writes a page of rules at a time: every rule on a line of its own across pages.
        String[] lines = send(token, "POST", RULES + "/_export", null).asString().split("\n");
        assertEquals(1_198, lines.length);
        java.util.Set<String> exported = new java.util.HashSet<>();
        for (int i = 0; i < 1_197; i++) {
            exported.add(JSON.readTree(lines[i]).get("rule_id").asText());
        }
        assertEquals(1_197, exported.size());
        assertEquals(1_197, JSON.readTree(lines[1_197]).get("exported_rules_count").asInt());
    }

    private static JsonNode bulk(String token, String body, int status) throws Exception {
        Response response = send(token, "POST", RULES + "/_bulk_action", body);
        assertEquals(status, response.statusCode(), response.asString());
        return JSON.readTree(response.asString());
    }

    @Test
    void bulkActionsEditSkipFailDuplicateAndDelete() throws Exception {
        String token = space();
        ObjectNode tagged = RulesApiTest.simpleRule("tagged");
        tagged.putArray("tags").add("tag1").add("tag2").add("tag3");
        JsonNode rule = create(token, tagged);
        JsonNode edited = bulk(token, "{\"query\":\"\",\"action\":\"edit\",\"edit\":[{\"type\":\"add_tags\",\"value\":[\"tag4\",\"tag5\",\"tag1\"]}]}", 200);
        assertEquals("{\"failed\":0,\"skipped\":0,\"succeeded\":1,\"total\":1}", edited.at("/attributes/summary").toString());
        assertEquals("[\"tag1\",\"tag2\",\"tag3\",\"tag4\",\"tag5\"]", edited.at("/attributes/results/updated/0/tags").toString());
        assertTrue(edited.get("success").asBoolean());
        JsonNode skipped = bulk(token, "{\"ids\":[\"" + rule.get("id").asText() + "\"],\"action\":\"edit\",\"edit\":[{\"type\":\"add_tags\",\"value\":[]}]}", 200);
        assertEquals("RULE_NOT_MODIFIED", skipped.at("/attributes/results/skipped/0/skip_reason").asText());

        ObjectNode ml = RulesApiTest.simpleRule("ml").put("type", "machine_learning").put("anomaly_threshold", 50)
                .put("machine_learning_job_id", "job");
        ml.remove("index");
        ml.remove("query");
        JsonNode mlRule = create(token, ml);
        JsonNode failed = bulk(token, "{\"ids\":[\"" + mlRule.get("id").asText() + "\"],\"action\":\"edit\",\"edit\":[{\"type\":\"add_index_patterns\",\"value\":[\"x-*\"]}]}", 500);
        assertEquals("Bulk edit failed", failed.get("message").asText());
        assertEquals("Index patterns can't be added. Machine learning rule doesn't have index patterns property",
                failed.at("/attributes/errors/0/message").asText());
        assertEquals(mlRule.get("id"), failed.at("/attributes/errors/0/rules/0/id"));

        JsonNode emptied = bulk(token, "{\"ids\":[\"" + rule.get("id").asText() + "\"],\"action\":\"edit\",\"edit\":[{\"type\":\"set_index_patterns\",\"value\":[]}]}", 500);
        assertEquals("Mutated params invalid: Index patterns can't be empty", emptied.at("/attributes/errors/0/message").asText());

        JsonNode duplicated = bulk(token, "{\"ids\":[\"" + rule.get("id").asText() + "\"],\"action\":\"duplicate\",\"duplicate\":{\"include_exceptions\":false,\"include_expired_exceptions\":false}}", 200);
        JsonNode copy = duplicated.at("/attributes/results/created/0");
        assertEquals("Root or admin logins [Duplicate]", copy.get("name").asText());
        assertFalse(copy.get("rule_id").asText().equals("tagged"));

        Response export = send(token, "POST", RULES + "/_bulk_action", "{\"query\":\"alert.attributes.tags: tag4\",\"action\":\"export\"}");
        assertEquals(200, export.statusCode());
        assertEquals("attachment; filename=\"rules_export.ndjson\"", export.header("Content-Disposition"));
        assertEquals(3, export.asString().split("\n").length, export.asString());

        bulk(token, "{\"query\":\"\",\"ids\":[\"x\"],\"action\":\"delete\"}", 400);
        bulk(token, "{\"query\":\"\",\"action\":\"export\"}", 200);
        send(token, "POST", RULES + "/_bulk_action?dry_run=true", "{\"query\":\"\",\"action\":\"export\"}").then()
                .statusCode(400).body("message", org.hamcrest.Matchers.equalTo("Export action doesn't support dry_run mode"));
        JsonNode deleted = bulk(token, "{\"query\":\"\",\"action\":\"delete\"}", 200);
        assertEquals(3, deleted.at("/attributes/summary/succeeded").asInt());
        given().header("Authorization", token).get(RULES + "/_find").then().body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void prebuiltRulesInstallFromThePackageAndKeepTheUsersState() throws Exception {
        String token = space();
        create(token, RulesApiTest.simpleRule("custom"));
        given().header("Authorization", token).get(RULES + "/prepackaged/_status").then().statusCode(200)
                .body("rules_custom_installed", org.hamcrest.Matchers.equalTo(1))
                .body("rules_installed", org.hamcrest.Matchers.equalTo(0))
                .body("rules_not_installed", org.hamcrest.Matchers.equalTo(6));
        send(token, "PUT", RULES + "/prepackaged", null).then().statusCode(200)
                .body(org.hamcrest.Matchers.equalTo("{\"rules_installed\":6,\"rules_updated\":0,\"timelines_installed\":0,\"timelines_updated\":0}"));
        JsonNode installed = JSON.readTree(given().header("Authorization", token).queryParam("rule_id", "od-sample-0001")
                .get(RULES).then().statusCode(200).extract().asString());
        assertTrue(installed.get("immutable").asBoolean());
        assertEquals("{\"type\":\"external\",\"is_customized\":false}", installed.get("rule_source").toString());
        assertEquals(2, installed.get("version").asInt());
        send(token, "PUT", RULES + "/prepackaged", null).then().statusCode(200).body("rules_installed", org.hamcrest.Matchers.equalTo(0));
        given().header("Authorization", token).get(RULES + "/prepackaged/_status").then()
                .body("rules_installed", org.hamcrest.Matchers.equalTo(6))
                .body("rules_not_installed", org.hamcrest.Matchers.equalTo(0))
                .body("rules_not_updated", org.hamcrest.Matchers.equalTo(0));
        ObjectNode put = (ObjectNode) installed.deepCopy();
        put.put("license", "something else");
        for (String field : new String[] {"id", "created_at", "created_by", "updated_at", "updated_by", "immutable", "rule_source", "revision"}) {
            put.remove(field);
        }
        send(token, "PUT", RULES, put).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.equalTo("Cannot update \"license\" field for prebuilt rules"));

        JsonNode tags = JSON.readTree(given().header("Authorization", token).get("/api/detection_engine/tags")
                .then().statusCode(200).extract().asString());
        assertEquals("[\"Domain: Endpoint\",\"Sample\"]", tags.toString());
        given().header("Authorization", token).get("/api/detection_engine/privileges").then().statusCode(200)
                .body("is_authenticated", org.hamcrest.Matchers.equalTo(true))
                .body("has_encryption_key", org.hamcrest.Matchers.equalTo(true))
                .body("username", org.hamcrest.Matchers.equalTo("elastic"));
    }
}
