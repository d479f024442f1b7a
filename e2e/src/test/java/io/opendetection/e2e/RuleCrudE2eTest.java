package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.opendetection.e2e.RuleApi.json;
import static io.opendetection.e2e.RuleApi.read;
import static io.opendetection.e2e.RuleApi.simpleRule;
import static io.opendetection.e2e.RuleApi.simpleRuleOutput;
import static io.opendetection.e2e.RuleApi.withoutServerGenerated;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * BEHAVIOURS.md B.1–B.6: create, read, find, patch, replace and delete rules, named after the
 * assertions they prove. Not here: #17, #36 and #48 need roles and licences this system does not
 * have (every caller is a "trial" licence with full privileges until roles arrive), and #18 is the
 * rule executor's (execution_summary), tested with it.
 */
@ExtendWith(SystemUnderTest.class)
class RuleCrudE2eTest {

    @Test
    void b1_createAnswersTheRuleWithDefaultsAndReadsBack() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        assertEquals(simpleRuleOutput("rule-1"), withoutServerGenerated(rule));
        assertEquals(rule, json(api.get("rule_id", "rule-1").then().statusCode(200).extract().response()));
    }

    @Test
    void b2_aMinimalRuleGetsEveryDefaultAndNoIndex() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(read("""
                {"name":"Simple Rule Query","description":"Simple Rule Query","enabled":true,"risk_score":1,
                 "rule_id":"rule-1","severity":"high","type":"query","query":"user.name: root or user.name: admin"}"""));
        ObjectNode expected = simpleRuleOutput("rule-1").put("enabled", true);
        expected.remove("index");
        assertEquals(expected, withoutServerGenerated(rule));
    }

    @Test
    void b3_aRuleIdIsGeneratedWhenNoneIsGiven() {
        JsonNode rule = new RuleApi().create(simpleRule(null));
        assertEquals(rule.get("rule_id").asText(), UUID.fromString(rule.get("rule_id").asText()).toString());
    }

    @Test
    void b5_maxSignalsBelowOneIsRefused() {
        new RuleApi().post(simpleRule("rule-1").put("max_signals", 0)).then().statusCode(400).body(equalTo(
                "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"[request body]: max_signals: Number must be greater than or equal to 1\"}"));
    }

    @Test
    void b6_defaultableFieldsRoundTrip() {
        ObjectNode request = simpleRule("rule-1").put("max_signals", 200).put("setup", "# some setup markdown");
        request.set("related_integrations", read("""
                [{"package":"package-a","version":"^1.2.3"},{"package":"package-b","integration":"integration-b","version":"~1.1.1"}]"""));
        request.set("required_fields", read("""
                [{"name":"@timestamp","type":"date"},{"name":"my-non-ecs-field","type":"keyword"}]"""));
        JsonNode rule = new RuleApi().create(request);
        assertEquals(200, rule.get("max_signals").asInt());
        assertEquals("# some setup markdown", rule.get("setup").asText());
        assertEquals(request.get("related_integrations"), rule.get("related_integrations"));
        assertEquals(read("""
                [{"name":"@timestamp","type":"date","ecs":true},{"name":"my-non-ecs-field","type":"keyword","ecs":false}]"""),
                rule.get("required_fields"));
    }

    @Test
    void b7_aSavedQueryRuleIsEchoed() {
        ObjectNode request = simpleRule("rule-1").put("type", "saved_query").put("saved_id", "my-saved-query-id")
                .put("data_view_id", "my-data-view");
        JsonNode rule = new RuleApi().create(request);
        assertEquals("saved_query", rule.get("type").asText());
        assertEquals("my-saved-query-id", rule.get("saved_id").asText());
        assertEquals("my-data-view", rule.get("data_view_id").asText());
    }

    @Test
    void b8_aMachineLearningJobIdBecomesAnArray() {
        JsonNode rule = new RuleApi().create(RuleApi.mlRule("rule-1"));
        assertEquals("[\"some_job_id\"]", rule.get("machine_learning_job_id").toString());
    }

    @Test
    void b9_twoDefaultExceptionListsAreRefused() {
        ObjectNode request = simpleRule("rule-1");
        request.set("exceptions_list", read("""
                [{"id":"1","list_id":"123","namespace_type":"single","type":"rule_default"},
                 {"id":"2","list_id":"456","namespace_type":"single","type":"rule_default"}]"""));
        new RuleApi().post(request).then().statusCode(500)
                .body(equalTo("{\"message\":\"More than one default exception list found on rule\",\"status_code\":500}"));
    }

    @Test
    void b10_aDefaultExceptionListBelongsToOneRuleWhileDetectionListsAreShared() {
        RuleApi api = new RuleApi();
        ObjectNode a = simpleRule("rule-a");
        a.set("exceptions_list", read("[{\"id\":\"2\",\"list_id\":\"123\",\"namespace_type\":\"single\",\"type\":\"rule_default\"}]"));
        JsonNode ruleA = api.create(a);
        ObjectNode b = simpleRule("rule-b");
        b.set("exceptions_list", a.get("exceptions_list"));
        api.post(b).then().statusCode(409).body(equalTo("{\"message\":\"default exception list already exists in rule(s): "
                + ruleA.get("id").asText() + "\",\"status_code\":409}"));
        ObjectNode c = simpleRule("rule-c");
        c.set("exceptions_list", read("[{\"id\":\"3\",\"list_id\":\"shared\",\"namespace_type\":\"single\",\"type\":\"detection\"}]"));
        api.create(c);
        api.post(c.deepCopy().put("rule_id", "rule-d")).then().statusCode(200);
    }

    @Test
    void b11_aThresholdRuleNeedsItsThreshold() {
        new RuleApi().post(simpleRule("rule-1").put("type", "threshold")).then().statusCode(400).body(equalTo(
                "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"[request body]: threshold: Required\"}"));
    }

    @Test
    void b12_aThresholdGroupsByFiveFieldsAtMost() {
        ObjectNode request = simpleRule("rule-1").put("type", "threshold");
        request.set("threshold", read("{\"field\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"],\"value\":5}"));
        new RuleApi().post(request).then().statusCode(400).body("message",
                equalTo("[request body]: threshold.field: Array must contain at most 5 element(s)"));
    }

    @Test
    void b13_aThresholdValueIsAtLeastOne() {
        ObjectNode request = simpleRule("rule-1").put("type", "threshold");
        request.set("threshold", read("{\"field\":\"host.name\",\"value\":0}"));
        new RuleApi().post(request).then().statusCode(400).body("message",
                equalTo("[request body]: threshold.value: Number must be greater than or equal to 1"));
    }

    @Test
    void b14_theCardinalityOfAGroupedFieldIsRefusedWithAnArrayMessage() {
        ObjectNode request = simpleRule("rule-1").put("type", "threshold");
        request.set("threshold", read("{\"field\":[\"host.name\"],\"value\":5,\"cardinality\":[{\"field\":\"host.name\",\"value\":5}]}"));
        new RuleApi().post(request).then().statusCode(400).body(equalTo(
                "{\"message\":[\"Cardinality of a field that is being aggregated on is always 1\"],\"status_code\":400}"));
    }

    @Test
    void b15_investigationFieldsAreAnObject() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1");
        request.set("investigation_fields", read("{\"field_names\":[\"host.name\"]}"));
        assertEquals(request.get("investigation_fields"), api.create(request).get("investigation_fields"));
        request.set("investigation_fields", read("[\"host.name\"]"));
        api.post(request.put("rule_id", "rule-2")).then().statusCode(400).body("message",
                equalTo("[request body]: investigation_fields: Expected object, received array"));
    }

    @Test
    void b16_actionsGetTheirFrequencyFromTheThrottle() {
        RuleApi api = new RuleApi();
        String[][] cases = {{null, "null", "onActiveAlert"}, {"no_actions", "null", "onActiveAlert"},
                {"rule", "null", "onActiveAlert"}, {"300s", "\"300s\"", "onThrottleInterval"},
                {"5m", "\"5m\"", "onThrottleInterval"}, {"3h", "\"3h\"", "onThrottleInterval"},
                {"4d", "\"4d\"", "onThrottleInterval"}};
        int n = 0;
        for (String[] c : cases) {
            ObjectNode request = simpleRule("rule-" + n++);
            request.set("actions", read("[{\"group\":\"default\",\"id\":\"connector-1\",\"action_type_id\":\".slack\",\"params\":{}}]"));
            if (c[0] != null) {
                request.put("throttle", c[0]);
            }
            JsonNode rule = api.create(request);
            assertEquals(read("{\"summary\":true,\"throttle\":" + c[1] + ",\"notifyWhen\":\"" + c[2] + "\"}"),
                    rule.at("/actions/0/frequency"), String.valueOf(c[0]));
            assertFalse(rule.has("throttle"));
        }
        ObjectNode kept = simpleRule("rule-kept");
        kept.set("actions", read("[{\"group\":\"default\",\"id\":\"c\",\"action_type_id\":\".slack\",\"params\":{},"
                + "\"frequency\":{\"summary\":false,\"throttle\":\"1h\",\"notifyWhen\":\"onThrottleInterval\"}}]"));
        assertEquals(kept.at("/actions/0/frequency"), api.create(kept).at("/actions/0/frequency"));
    }

    @Test
    void b19_aRuleReadsByRuleIdAndById() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        assertEquals(simpleRuleOutput("rule-1"), withoutServerGenerated(json(api.get("rule_id", "rule-1").then().statusCode(200).extract().response())));
        assertEquals(rule, json(api.get("id", rule.get("id").asText()).then().statusCode(200).extract().response()));
    }

    @Test
    void b20_b21_missingRulesAreNotFound() {
        RuleApi api = new RuleApi();
        api.get("id", "c1e1b359-7ac1-4e96-bc81-c683c092436f").then().statusCode(404).body(equalTo(
                "{\"message\":\"id: \\\"c1e1b359-7ac1-4e96-bc81-c683c092436f\\\" not found\",\"status_code\":404}"));
        api.get("rule_id", "fake_id").then().statusCode(404)
                .body(equalTo("{\"message\":\"rule_id: \\\"fake_id\\\" not found\",\"status_code\":404}"));
    }

    @Test
    void b22_findWithoutRulesIsAnEmptyFirstPage() {
        new RuleApi().find().then().statusCode(200).body("data.size()", equalTo(0)).body("page", equalTo(1))
                .body("perPage", equalTo(20)).body("total", equalTo(0)).body("containsKey('warnings')", equalTo(false));
    }

    @Test
    void b23_findAnswersTheRule() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        JsonNode page = json(api.find().then().statusCode(200).extract().response());
        assertEquals(read("{\"page\":1,\"perPage\":20,\"total\":1,\"data\":[" + rule + "]}"), page);
    }

    @Test
    void b24_b25_findShowsActionsWithUuidAndFrequency() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1");
        request.set("actions", read("[{\"group\":\"default\",\"id\":\"connector-1\",\"action_type_id\":\".webhook\",\"params\":{}}]"));
        api.create(request);
        ObjectNode throttled = request.deepCopy().put("rule_id", "rule-2").put("throttle", "1h");
        api.create(throttled);
        JsonNode page = json(api.find("sort_field", "name", "sort_order", "asc").then().statusCode(200).extract().response());
        for (JsonNode rule : page.get("data")) {
            JsonNode action = rule.at("/actions/0");
            assertEquals(UUID.fromString(action.get("uuid").asText()).toString(), action.get("uuid").asText());
            String expected = rule.get("rule_id").asText().equals("rule-1")
                    ? "{\"summary\":true,\"throttle\":null,\"notifyWhen\":\"onActiveAlert\"}"
                    : "{\"summary\":true,\"throttle\":\"1h\",\"notifyWhen\":\"onThrottleInterval\"}";
            assertEquals(read(expected), action.get("frequency"));
        }
    }

    @Test
    void b26_sortFieldAndSortOrderGoTogether() {
        RuleApi api = new RuleApi();
        String message = "{\"message\":[\"when \\\"sort_order\\\" and \\\"sort_field\\\" must exist together or not at all\"],\"status_code\":400}";
        api.find("sort_field", "name").then().statusCode(400).body(equalTo(message));
        api.find("sort_order", "asc").then().statusCode(400).body(equalTo(message));
    }

    @Test
    void b27_findFiltersInKqlOnSavedObjectAttributes() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.create(simpleRule("rule-2").put("name", "Another"));
        api.find("per_page", 1, "filter", "alert.attributes.params.immutable: true").then().statusCode(200)
                .body("total", equalTo(0)).body("perPage", equalTo(1));
        api.find("per_page", 1, "filter", "alert.attributes.params.immutable: false").then().statusCode(200)
                .body("total", equalTo(2)).body("data.size()", equalTo(1));
        api.find("filter", "alert.attributes.name: another and alert.attributes.params.type: query").then()
                .statusCode(200).body("total", equalTo(1)).body("data[0].rule_id", equalTo("rule-2"));
    }

    @Test
    void b28_aPatchChangesTheFieldAndBumpsTheRevisionNotTheVersion() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        JsonNode patched = json(api.patch("{\"rule_id\":\"rule-1\",\"name\":\"some other name\"}").then().statusCode(200).extract().response());
        ObjectNode expected = simpleRuleOutput("rule-1").put("name", "some other name").put("revision", 1);
        assertEquals(expected, withoutServerGenerated(patched));
    }

    @Test
    void b29_aPatchFindsTheRuleByIdOrByAGeneratedRuleId() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule(null));
        api.patch("{\"id\":\"" + rule.get("id").asText() + "\",\"name\":\"by id\"}").then().statusCode(200).body("name", equalTo("by id"));
        api.patch("{\"rule_id\":\"" + rule.get("rule_id").asText() + "\",\"name\":\"by rule_id\"}").then().statusCode(200)
                .body("name", equalTo("by rule_id")).body("revision", equalTo(2));
    }

    @Test
    void b30_b31_enablingAloneDoesNotBumpTheRevision() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.patch("{\"rule_id\":\"rule-1\",\"enabled\":true}").then().statusCode(200).body("revision", equalTo(0))
                .body("enabled", equalTo(true));
        api.patch("{\"rule_id\":\"rule-1\",\"severity\":\"low\",\"enabled\":false}").then().statusCode(200)
                .body("revision", equalTo(1)).body("severity", equalTo("low"));
    }

    @Test
    void b32_patchedTimelineFieldsStayThroughLaterPatches() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.patch("{\"rule_id\":\"rule-1\",\"timeline_title\":\"some title\",\"timeline_id\":\"some id\"}").then().statusCode(200);
        api.patch("{\"rule_id\":\"rule-1\",\"name\":\"some other name\"}").then().statusCode(200)
                .body("timeline_title", equalTo("some title")).body("timeline_id", equalTo("some id"))
                .body("revision", equalTo(2));
    }

    @Test
    void b33_patchingAMissingRuleIsNotFound() {
        RuleApi api = new RuleApi();
        api.patch("{\"id\":\"5096dec6-b6b9-4d8d-8f93-6c2602079d9d\",\"name\":\"x\"}").then().statusCode(404).body(equalTo(
                "{\"message\":\"id: \\\"5096dec6-b6b9-4d8d-8f93-6c2602079d9d\\\" not found\",\"status_code\":404}"));
        api.patch("{\"rule_id\":\"fake_id\",\"name\":\"x\"}").then().statusCode(404)
                .body(equalTo("{\"message\":\"rule_id: \\\"fake_id\\\" not found\",\"status_code\":404}"));
    }

    @Test
    void b34_aPatchIsValidated() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.patch("{\"rule_id\":\"rule-1\",\"max_signals\":0}").then().statusCode(400).body("message",
                equalTo("[request body]: max_signals: Number must be greater than or equal to 1"));
    }

    @Test
    void b35_aPatchWithoutRequiredFieldsKeepsThem() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1");
        request.set("required_fields", read("[{\"name\":\"host.name\",\"type\":\"keyword\"}]"));
        JsonNode created = api.create(request);
        JsonNode patched = json(api.patch("{\"rule_id\":\"rule-1\",\"name\":\"x\"}").then().statusCode(200).extract().response());
        assertEquals(read("[{\"name\":\"host.name\",\"type\":\"keyword\",\"ecs\":true}]"), patched.get("required_fields"));
    }

    @Test
    void b37_aPutReplacesTheRuleByRuleIdOrById() {
        RuleApi api = new RuleApi();
        JsonNode rule = api.create(simpleRule("rule-1"));
        JsonNode replaced = json(api.put(simpleRule("rule-1").put("name", "some other name")).then().statusCode(200).extract().response());
        assertEquals(simpleRuleOutput("rule-1").put("name", "some other name").put("revision", 1), withoutServerGenerated(replaced));
        ObjectNode byId = simpleRule(null).put("id", rule.get("id").asText()).put("name", "by id");
        api.put(byId).then().statusCode(200).body("name", equalTo("by id")).body("rule_id", equalTo("rule-1"))
                .body("revision", equalTo(2)).body("version", equalTo(1));
    }

    @Test
    void b38_aPutWithoutTimelineFieldsRemovesThem() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        api.put(simpleRule("rule-1").put("timeline_id", "some id").put("timeline_title", "some title")).then().statusCode(200);
        JsonNode replaced = json(api.put(simpleRule("rule-1").put("name", "x")).then().statusCode(200).extract().response());
        assertFalse(replaced.has("timeline_id"));
        assertFalse(replaced.has("timeline_title"));
        assertEquals(2, replaced.get("revision").asInt());
    }

    @Test
    void b39_b40_omittedFieldsGoBackToTheirDefaults() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1").put("max_signals", 200);
        request.set("required_fields", read("[{\"name\":\"host.name\",\"type\":\"keyword\"}]"));
        request.set("actions", read("[{\"group\":\"default\",\"id\":\"c\",\"action_type_id\":\".slack\",\"params\":{}}]"));
        api.create(request);
        api.put(simpleRule("rule-1")).then().statusCode(200).body("max_signals", equalTo(100))
                .body("required_fields.size()", equalTo(0)).body("actions.size()", equalTo(0));
    }

    @Test
    void b41_exceptionListsAreReplacedNotMerged() {
        RuleApi api = new RuleApi();
        ObjectNode request = simpleRule("rule-1");
        request.set("exceptions_list", read("[{\"id\":\"1\",\"list_id\":\"123\",\"namespace_type\":\"single\",\"type\":\"rule_default\"}]"));
        api.create(request);
        JsonNode lists = read("[{\"id\":\"2\",\"list_id\":\"456\",\"namespace_type\":\"single\",\"type\":\"rule_default\"}]");
        request.set("exceptions_list", lists);
        assertEquals(lists, json(api.put(request).then().statusCode(200).extract().response()).get("exceptions_list"));
    }

    @Test
    void b42_aPutWithTwoDefaultListsIsRefused() {
        RuleApi api = new RuleApi();
        api.create(simpleRule("rule-1"));
        ObjectNode request = simpleRule("rule-1");
        request.set("exceptions_list", read("""
                [{"id":"1","list_id":"123","namespace_type":"single","type":"rule_default"},
                 {"id":"2","list_id":"456","namespace_type":"single","type":"rule_default"}]"""));
        api.put(request).then().statusCode(500)
                .body(equalTo("{\"message\":\"More than one default exception list found on rule\",\"status_code\":500}"));
    }

    @Test
    void b43_aPutMayNotTakeAnotherRulesDefaultList() {
        RuleApi api = new RuleApi();
        ObjectNode first = simpleRule("rule-1");
        first.set("exceptions_list", read("[{\"id\":\"2\",\"list_id\":\"123\",\"namespace_type\":\"single\",\"type\":\"rule_default\"}]"));
        String firstId = api.create(first).get("id").asText();
        String secondId = api.create(simpleRule("rule-2")).get("id").asText();
        ObjectNode second = simpleRule("rule-2");
        second.set("exceptions_list", first.get("exceptions_list"));
        api.put(second).then().statusCode(409).body(equalTo("{\"message\":\"default exception list for rule: rule-2 already exists in rule(s): "
                + firstId + "\",\"status_code\":409}"));
        second.remove("rule_id");
        second.put("id", secondId);
        api.put(second).then().statusCode(409).body("message", equalTo("default exception list for rule: " + secondId
                + " already exists in rule(s): " + firstId));
    }

    @Test
    void b44_puttingAMissingRuleIsNotFound() {
        RuleApi api = new RuleApi();
        api.put(simpleRule(null).put("id", "5096dec6-b6b9-4d8d-8f93-6c2602079d9d")).then().statusCode(404)
                .body("message", equalTo("id: \"5096dec6-b6b9-4d8d-8f93-6c2602079d9d\" not found"));
        api.put(simpleRule("fake_id")).then().statusCode(404).body("message", equalTo("rule_id: \"fake_id\" not found"));
    }

    @Test
    void b45_aThresholdPutWithoutThresholdIsRefusedAndTheRuleStays() {
        RuleApi api = new RuleApi();
        ObjectNode threshold = simpleRule("rule-1").put("type", "threshold");
        threshold.set("threshold", read("{\"field\":\"host.name\",\"value\":5}"));
        JsonNode created = api.create(threshold);
        threshold.remove("threshold");
        api.put(threshold).then().statusCode(400).body(equalTo(
                "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"[request body]: threshold: Required\"}"));
        assertEquals(created, json(api.get("rule_id", "rule-1").then().statusCode(200).extract().response()));
    }

    @Test
    void b46_aPutNormalisesTheJobId() {
        RuleApi api = new RuleApi();
        api.create(RuleApi.mlRule("rule-1"));
        api.put(RuleApi.mlRule("rule-1").put("machine_learning_job_id", "legacy_job_id")).then().statusCode(200)
                .body("machine_learning_job_id[0]", equalTo("legacy_job_id")).body("revision", equalTo(1));
    }

    @Test
    void b47_thePrebuiltLicenseCannotChange() {
        RuleApi api = new RuleApi();
        // A rule becomes prebuilt when it is imported as exported from a prebuilt one.
        ObjectNode prebuilt = simpleRule("rule-1").put("license", "Elastic License v2").put("immutable", true);
        prebuilt.putObject("rule_source").put("type", "external").put("is_customized", false);
        api.importFile("rules.ndjson", (prebuilt + "\n").getBytes(), null).then().statusCode(200).body("success_count", equalTo(1));
        api.put(simpleRule("rule-1").put("license", "Apache 2.0")).then().statusCode(400)
                .body(equalTo("{\"message\":\"Cannot update \\\"license\\\" field for prebuilt rules\",\"status_code\":400}"));
    }

    @Test
    void b49_b50_b51_deleteAnswersTheRuleThenItIsGone() {
        RuleApi api = new RuleApi();
        JsonNode first = api.create(simpleRule("rule-1"));
        JsonNode second = api.create(simpleRule("rule-2"));
        assertEquals(simpleRuleOutput("rule-1"), withoutServerGenerated(json(api.delete("rule_id", "rule-1").then().statusCode(200).extract().response())));
        assertEquals(second, json(api.delete("id", second.get("id").asText()).then().statusCode(200).extract().response()));
        api.get("id", first.get("id").asText()).then().statusCode(404);
        api.delete("id", "c1e1b359-7ac1-4e96-bc81-c683c092436f").then().statusCode(404).body(equalTo(
                "{\"message\":\"id: \\\"c1e1b359-7ac1-4e96-bc81-c683c092436f\\\" not found\",\"status_code\":404}"));
        api.delete("rule_id", "fake_id").then().statusCode(404).body("message", equalTo("rule_id: \"fake_id\" not found"));
    }

    @Test
    void tagsAndPrivilegesOfTheSpace() {
        RuleApi api = new RuleApi();
        ObjectNode one = simpleRule("rule-1");
        one.putArray("tags").add("b").add("a");
        ObjectNode two = simpleRule("rule-2");
        two.putArray("tags").add("c").add("a");
        api.create(one);
        api.create(two);
        Response tags = Gateway.asAdmin().get(api.api("/api/detection_engine/tags"));
        assertEquals("[\"a\",\"b\",\"c\"]", tags.asString());
        Gateway.asAdmin().get(api.api("/api/detection_engine/privileges")).then().statusCode(200)
                .body("username", equalTo("elastic")).body("is_authenticated", equalTo(true))
                .body("has_encryption_key", equalTo(true))
                .body("index.'.alerts-security.alerts-" + api.space + "'.read", equalTo(true));
    }
}
