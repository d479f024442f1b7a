package io.opendetection.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule routes of the walking skeleton, numbered after the behaviours they prove. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class RulesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";

    /** Our own fixture: a disabled custom query rule. */
    static ObjectNode simpleRule(String ruleId) {
        ObjectNode rule = JSON.createObjectNode()
                .put("name", "Root or admin logins")
                .put("description", "Someone logs in as root or admin")
                .put("enabled", false)
                .put("risk_score", 1)
                .put("severity", "high")
                .put("type", "query")
                .put("query", "user.name: root or user.name: admin");
        if (ruleId != null) {
            rule.put("rule_id", ruleId);
        }
        rule.putArray("index").add("auditbeat-*");
        return rule;
    }

    static ObjectNode expectedOutput(String ruleId, String user) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"actions":[],"author":[],"created_by":"%2$s","description":"Someone logs in as root or admin",
                 "enabled":false,"false_positives":[],"from":"now-6m","immutable":false,
                 "rule_source":{"type":"internal"},"interval":"5m","rule_id":"%1$s","output_index":"",
                 "max_signals":100,"related_integrations":[],"required_fields":[],"risk_score":1,
                 "risk_score_mapping":[],"name":"Root or admin logins","references":[],"setup":"","severity":"high",
                 "severity_mapping":[],"updated_by":"%2$s","tags":[],"to":"now","threat":[],"exceptions_list":[],
                 "version":1,"revision":0,"index":["auditbeat-*"],"language":"kuery",
                 "query":"user.name: root or user.name: admin","type":"query"}
                """.formatted(ruleId, user));
    }

    static ObjectNode withoutServerGenerated(JsonNode rule) {
        ObjectNode copy = ((ObjectNode) rule).deepCopy();
        copy.remove(java.util.List.of("id", "created_at", "updated_at", "execution_summary"));
        return copy;
    }

    private static Response post(String token, Object body) {
        return given().header("Authorization", token).contentType("application/json").body(body.toString())
                .post(RULES);
    }

    private static String uniqueRuleId() {
        return "rule-" + UUID.randomUUID();
    }

    @Test
    void b1_createFillsDefaultsAndReadsBack() throws Exception {
        String ruleId = uniqueRuleId();
        Response created = post(TestTokens.admin(), simpleRule(ruleId));
        assertEquals(200, created.statusCode(), created.asString());
        JsonNode rule = JSON.readTree(created.asString());
        assertEquals(expectedOutput(ruleId, "elastic"), withoutServerGenerated(rule));
        assertNotNull(UUID.fromString(rule.get("id").asText()));
        assertTrue(rule.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        JsonNode read = JSON.readTree(given().header("Authorization", TestTokens.admin())
                .queryParam("rule_id", ruleId).get(RULES).then().statusCode(200).extract().asString());
        assertEquals(rule, read);
    }

    @Test
    void b2_minimalRuleHasNoIndexKey() throws Exception {
        ObjectNode minimal = simpleRule(uniqueRuleId());
        minimal.remove("index");
        minimal.put("enabled", true);
        JsonNode rule = JSON.readTree(post(TestTokens.admin(), minimal).then().statusCode(200).extract().asString());
        assertFalse(rule.has("index"));
        assertTrue(rule.get("enabled").asBoolean());
        assertEquals("kuery", rule.get("language").asText());
        assertEquals(0, rule.get("revision").asInt());
    }

    @Test
    void b3_ruleIdIsGeneratedWhenAbsent() throws Exception {
        JsonNode rule = JSON.readTree(post(TestTokens.admin(), simpleRule(null)).then().statusCode(200).extract().asString());
        assertNotNull(UUID.fromString(rule.get("rule_id").asText()));
    }

    @Test
    void b4_duplicateRuleIdIsAConflict() {
        String ruleId = uniqueRuleId();
        post(TestTokens.admin(), simpleRule(ruleId)).then().statusCode(200);
        Response second = post(TestTokens.admin(), simpleRule(ruleId));
        assertEquals(409, second.statusCode());
        assertEquals("{\"message\":\"rule_id: \\\"" + ruleId + "\\\" already exists\",\"status_code\":409}", second.asString());
    }

    @Test
    void b5_maxSignalsBelowOneIsRejected() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("max_signals", 0);
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("{\"statusCode\":400,\"error\":\"Bad Request\","
                + "\"message\":\"[request body]: max_signals: Number must be greater than or equal to 1\"}", response.asString());
    }

    @Test
    void b11_thresholdRuleWithoutThresholdIsRejected() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("type", "threshold");
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: threshold: Required", response.jsonPath().getString("message"));
    }

    @Test
    void missingRequiredFieldsAreAllNamed() {
        Response response = post(TestTokens.admin(), "{\"type\":\"query\"}");
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: name: Required, description: Required, risk_score: Required, severity: Required",
                response.jsonPath().getString("message"));
    }

    @Test
    void unknownRuleTypeIsRejected() {
        Response response = post(TestTokens.admin(), simpleRule(uniqueRuleId()).put("type", "magic"));
        assertEquals(400, response.statusCode());
        assertTrue(response.jsonPath().getString("message").startsWith("[request body]: type: Invalid discriminator value."));
    }

    @Test
    void aMissingTypeIsAnInvalidDiscriminator() {
        ObjectNode rule = simpleRule(uniqueRuleId());
        rule.remove("type");
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: type: Invalid discriminator value. Expected 'eql' | 'query' | 'saved_query'"
                + " | 'threshold' | 'threat_match' | 'machine_learning' | 'new_terms' | 'esql'",
                response.jsonPath().getString("message"));
    }

    @Test
    void requiredFieldsOfATypeMayNotBeNull() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("type", "eql").put("language", "eql");
        rule.putNull("query");
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: query: Expected string, received null", response.jsonPath().getString("message"));
    }

    @Test
    void aKqlQueryThatDoesNotParseIsRefusedWithItsPosition() {
        Response response = post(TestTokens.admin(), simpleRule(uniqueRuleId()).put("query", "user.name: (root"));
        assertEquals(400, response.statusCode());
        assertEquals("Bad Request", response.jsonPath().getString("error"));
        String message = response.jsonPath().getString("message");
        assertTrue(message.startsWith("[request body]: query: Invalid KQL query: Expected "), message);
        assertTrue(message.contains("end of input found at line 1, column 17"), message);
    }

    @Test
    void anEqlQueryThatDoesNotParseIsRefusedWithItsLineAndColumn() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("type", "eql").put("language", "eql")
                .put("query", "process where\n  process.name == ");
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: query: Invalid EQL query: line 2:19: expected an expression but found end of input",
                response.jsonPath().getString("message"));

        rule.put("query", "sequence by host.id [process where true] [network where true]");
        assertEquals(200, post(TestTokens.admin(), rule).statusCode());
    }

    @Test
    void anEqlQueryWhosePipeYieldsNoEventsIsRefusedNamingThePipe() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("type", "eql").put("language", "eql")
                .put("query", "process where true | unique_count process.name");
        Response response = post(TestTokens.admin(), rule);
        assertEquals(400, response.statusCode());
        assertEquals("[request body]: query: Invalid EQL query: line 1:22: pipe [unique_count] yields no events and "
                + "cannot be used in a rule: expected head, tail, filter, unique or sort",
                response.jsonPath().getString("message"));

        rule.put("query", "process where true | unique process.name | head 5");
        assertEquals(200, post(TestTokens.admin(), rule).statusCode());
    }

    @Test
    void aLuceneQueryIsNotReadAsKql() {
        ObjectNode rule = simpleRule(uniqueRuleId()).put("language", "lucene").put("query", "user.name:(root");
        assertEquals(200, post(TestTokens.admin(), rule).statusCode());
    }

    @Test
    void b20_b21_missingRulesAreNotFound() {
        given().header("Authorization", TestTokens.admin()).queryParam("id", "c1e1b359-7ac1-4e96-bc81-c683c092436f")
                .get(RULES).then().statusCode(404)
                .body(org.hamcrest.Matchers.equalTo(
                        "{\"message\":\"id: \\\"c1e1b359-7ac1-4e96-bc81-c683c092436f\\\" not found\",\"status_code\":404}"));
        given().header("Authorization", TestTokens.admin()).queryParam("rule_id", "fake_id")
                .get(RULES).then().statusCode(404)
                .body(org.hamcrest.Matchers.equalTo("{\"message\":\"rule_id: \\\"fake_id\\\" not found\",\"status_code\":404}"));
    }

    @Test
    void readWithoutIdentifierIsABadRequest() {
        given().header("Authorization", TestTokens.admin()).get(RULES).then().statusCode(400)
                .body(org.hamcrest.Matchers.equalTo(
                        "{\"message\":[\"either \\\"id\\\" or \\\"rule_id\\\" must be set\"],\"status_code\":400}"));
    }

    @Test
    void b49_b50_b51_deleteReturnsTheRuleThenItIsGone() throws Exception {
        String ruleId = uniqueRuleId();
        JsonNode created = JSON.readTree(post(TestTokens.admin(), simpleRule(ruleId)).then().statusCode(200).extract().asString());
        String id = created.get("id").asText();
        JsonNode deleted = JSON.readTree(given().header("Authorization", TestTokens.admin()).queryParam("id", id)
                .delete(RULES).then().statusCode(200).extract().asString());
        assertEquals(created, deleted);
        given().header("Authorization", TestTokens.admin()).queryParam("id", id).get(RULES).then().statusCode(404);
        given().header("Authorization", TestTokens.admin()).queryParam("rule_id", ruleId).delete(RULES).then().statusCode(404)
                .body("message", org.hamcrest.Matchers.equalTo("rule_id: \"" + ruleId + "\" not found"));
    }

    @Test
    void changesArePublishedOnTheRulesTopic() throws Exception {
        String ruleId = uniqueRuleId();
        JsonNode created = JSON.readTree(post(TestTokens.admin(), simpleRule(ruleId)).then().statusCode(200).extract().asString());
        String id = created.get("id").asText();
        ConsumerRecord<String, String> createdEvent = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(),
                Topics.RULES, r -> id.equals(r.key()) && r.value() != null, Duration.ofSeconds(30)).orElseThrow();
        assertEquals(EventTypes.RULE_CREATED, KafkaProbe.header(createdEvent, CloudEventHeaders.TYPE));
        assertEquals(ruleId, KafkaProbe.header(createdEvent, CloudEventHeaders.SUBJECT));
        assertEquals("/rule-service", KafkaProbe.header(createdEvent, CloudEventHeaders.SOURCE));
        assertEquals("1.0", KafkaProbe.header(createdEvent, CloudEventHeaders.SPEC_VERSION));
        assertNotNull(KafkaProbe.header(createdEvent, CloudEventHeaders.ID));
        JsonNode payload = JSON.readTree(createdEvent.value());
        assertEquals("default", payload.get("space").asText());
        assertEquals(created, payload.get("rule"));

        given().header("Authorization", TestTokens.admin()).queryParam("id", id).delete(RULES).then().statusCode(200);
        ConsumerRecord<String, String> tombstone = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(),
                Topics.RULES, r -> id.equals(r.key()) && r.value() == null, Duration.ofSeconds(30)).orElseThrow();
        assertEquals(EventTypes.RULE_DELETED, KafkaProbe.header(tombstone, CloudEventHeaders.TYPE));
        assertNull(tombstone.value());
    }

    @Test
    void spacesDoNotSeeEachOthersRules() throws Exception {
        String ruleId = uniqueRuleId();
        String inA = TestTokens.bearer("alice", Set.of("superuser"), "space-a");
        String inB = TestTokens.bearer("bob", Set.of("superuser"), "space-b");
        JsonNode rule = JSON.readTree(post(inA, simpleRule(ruleId)).then().statusCode(200).extract().asString());
        assertEquals("alice", rule.get("created_by").asText());
        given().header("Authorization", inB).queryParam("rule_id", ruleId).get(RULES).then().statusCode(404);
        post(inB, simpleRule(ruleId)).then().statusCode(200); // the same rule_id is free in another space
        given().header("Authorization", inA).queryParam("rule_id", ruleId).get(RULES).then().statusCode(200)
                .body("created_by", org.hamcrest.Matchers.equalTo("alice"));
    }

    @Test
    void callsWithoutTheGatewaysTokenAreRefused() {
        given().queryParam("rule_id", "x").get(RULES).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").queryParam("rule_id", "x").get(RULES).then().statusCode(401);
    }

    @Test
    void malformedJsonNamesTheProblem() {
        Response response = post(TestTokens.admin(), "{\"name\": ");
        assertEquals(400, response.statusCode());
        assertEquals("Bad Request", response.jsonPath().getString("error"));
        assertTrue(response.jsonPath().getString("message").startsWith("Invalid request payload JSON format: "),
                response.asString());
    }

    @Test
    void aWrongContentTypeIsRefused() {
        Response response = given().header("Authorization", TestTokens.admin()).contentType("text/plain")
                .body("name=x").post(RULES);
        assertEquals(415, response.statusCode());
        assertTrue(response.jsonPath().getString("message").contains("text/plain"), response.asString());
    }

    @Test
    void healthReflectsPostgresKafkaAndElasticsearch() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(health.contains("Reactive PostgreSQL connections health check"), health);
        assertTrue(health.contains("Elasticsearch cluster health check"), health);
        assertTrue(health.contains("Reactive Messaging") && health.contains("\"outbox\": \"[OK]\""), health);
    }
}
