package io.opendetection.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write of a rule keeps its writer's index privileges (from the caller token) with the rule,
 * out of the rule API's JSON: create, PUT, PATCH, import, bulk edits and duplicates, prebuilt
 * installs and upgrades, and Kibana's {@code _update_api_key}.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class EditorPrivilegesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";
    private static final List<List<Map<String, Object>>> ANN = List.of(List.of(
            Map.of("names", List.of("logs-*"), "privileges", List.of("read"))));
    private static final List<List<Map<String, Object>>> BOB = List.of(
            List.of(Map.of("names", List.of("metrics-*", "logs-web-*"), "privileges", List.of("read", "view_index_metadata"))),
            List.of(Map.of("names", List.of("logs-web-*"), "privileges", List.of("read"))));

    @Inject
    Pool pool;

    private static RequestSpecification as(String user, String space, List<List<Map<String, Object>>> privileges) {
        return ServiceApi.in(user, space, privileges);
    }

    private JsonNode stored(String id) {
        String text = pool.preparedQuery("SELECT editor_index_privileges::text AS privileges FROM rule WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getString("privileges");
        return text == null ? null : ServiceApi.parse(text);
    }

    private void assertSnapshot(String id, List<List<Map<String, Object>>> expected) {
        assertEquals(JSON.valueToTree(expected), stored(id));
    }

    private static JsonNode ok(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        return ServiceApi.parse(response.asString());
    }

    @Test
    void createPutAndPatchKeepTheirWritersPrivilegesOutOfTheRulesJson() {
        String space = ServiceApi.newSpace();
        JsonNode created = ok(as("ann", space, ANN).body(RulesApiTest.simpleRule("kept").toString()).post(RULES));
        String id = created.get("id").asText();
        assertSnapshot(id, ANN);
        assertEquals("ann", created.get("updated_by").asText());
        created.fieldNames().forEachRemaining(field -> assertFalse(field.contains("privileges"), field));

        JsonNode replaced = ok(as("bob", space, BOB).body(RulesApiTest.simpleRule("kept").put("name", "put").toString())
                .put(RULES));
        assertEquals("bob", replaced.get("updated_by").asText());
        assertSnapshot(id, BOB);

        JsonNode patched = ok(as("ann", space, ANN).body("{\"rule_id\":\"kept\",\"severity\":\"low\"}").patch(RULES));
        assertEquals("ann", patched.get("updated_by").asText());
        assertSnapshot(id, ANN);
        JsonNode read = ok(as("bob", space, BOB).queryParam("id", id).get(RULES));
        read.fieldNames().forEachRemaining(field -> assertFalse(field.contains("privileges"), field));

        // a token without index privileges leaves none: the rule then runs unchecked, as rules of old
        ok(given().header("Authorization", TestTokens.bearer("carol", space, Map.of()))
                .contentType("application/json").body("{\"rule_id\":\"kept\",\"severity\":\"high\"}").patch(RULES));
        assertNull(stored(id));
    }

    @Test
    void updateApiKeyTakesTheCallersPrivilegesAndChangesNothingElse() throws Exception {
        String space = ServiceApi.newSpace();
        JsonNode created = ok(as("ann", space, ANN).body(RulesApiTest.simpleRule("keyed").toString()).post(RULES));
        String id = created.get("id").asText();

        Response updated = as("bob", space, BOB).post("/api/alerting/rule/" + id + "/_update_api_key");
        assertEquals(204, updated.statusCode(), updated.asString());
        assertEquals("", updated.asString());
        assertSnapshot(id, BOB);
        ObjectNode after = (ObjectNode) ok(as("ann", space, ANN).queryParam("id", id).get(RULES));
        assertEquals("bob", after.get("updated_by").asText());
        assertNotEquals(created.get("updated_at"), after.get("updated_at"));
        ObjectNode before = ((ObjectNode) created).deepCopy();
        for (ObjectNode rule : List.of(before, after)) {
            rule.remove(List.of("updated_by", "updated_at", "execution_summary"));
        }
        assertEquals(before, after);
        var event = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), Topics.RULES,
                record -> id.equals(record.key()) && record.value() != null
                        && record.value().contains("\"updated_by\":\"bob\""), Duration.ofSeconds(30));
        assertTrue(event.isPresent(), "the changed rule is published");
        assertEquals(EventTypes.RULE_UPDATED, KafkaProbe.header(event.get(), io.opendetection.contracts.events.CloudEventHeaders.TYPE));

        String unknown = UUID.randomUUID().toString();
        Response missing = as("bob", space, BOB).post("/api/alerting/rule/" + unknown + "/_update_api_key");
        assertEquals(404, missing.statusCode());
        assertEquals(ServiceApi.parse("{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Saved object [alert/"
                + unknown + "] not found\"}"), ServiceApi.json(missing));
        as("bob", space, BOB).post("/api/alerting/rule/not-a-uuid/_update_api_key").then().statusCode(404);
        // another space's rule is not there
        as("bob", ServiceApi.newSpace(), BOB).post("/api/alerting/rule/" + id + "/_update_api_key").then().statusCode(404);
        assertSnapshot(id, BOB);
    }

    @Test
    void importsNewAndOverwrittenKeepTheImportersPrivileges() {
        String space = ServiceApi.newSpace();
        String file = RulesApiTest.simpleRule("imported").toString() + "\n";
        JsonNode first = ok(as("ann", space, ANN)
                .contentType("multipart/form-data")
                .multiPart("file", "rules.ndjson", file.getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import"));
        assertEquals(1, first.get("success_count").asInt(), first.toString());
        String id = ok(as("ann", space, ANN).queryParam("rule_id", "imported").get(RULES)).get("id").asText();
        assertSnapshot(id, ANN);

        JsonNode over = ok(as("bob", space, BOB)
                .contentType("multipart/form-data")
                .multiPart("file", "rules.ndjson", file.getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .queryParam("overwrite", true)
                .post(RULES + "/_import"));
        assertEquals(1, over.get("success_count").asInt(), over.toString());
        assertSnapshot(id, BOB);
    }

    @Test
    void bulkEditsEnablingAndDuplicatesKeepTheActorsPrivileges() {
        String space = ServiceApi.newSpace();
        String id = ok(as("ann", space, ANN).body(RulesApiTest.simpleRule("bulk").toString()).post(RULES))
                .get("id").asText();

        ok(as("bob", space, BOB).body("{\"ids\":[\"" + id + "\"],\"action\":\"edit\",\"edit\":[{\"type\":\"add_tags\","
                + "\"value\":[\"edited\"]}]}").post(RULES + "/_bulk_action"));
        assertSnapshot(id, BOB);

        ok(as("ann", space, ANN).body("{\"ids\":[\"" + id + "\"],\"action\":\"enable\"}").post(RULES + "/_bulk_action"));
        assertSnapshot(id, ANN);

        JsonNode duplicated = ok(as("bob", space, BOB).body("{\"ids\":[\"" + id + "\"],\"action\":\"duplicate\","
                + "\"duplicate\":{\"include_exceptions\":false,\"include_expired_exceptions\":false}}")
                .post(RULES + "/_bulk_action"));
        String copy = duplicated.at("/attributes/results/created/0/id").asText();
        assertSnapshot(copy, BOB);
        assertSnapshot(id, ANN);
    }

    @Test
    void prebuiltInstallsAndUpgradesKeepTheInstallersPrivileges() {
        String space = ServiceApi.newSpace();
        // version 1 of a packaged rule, as an export of it would bring it in
        ObjectNode old = (ObjectNode) ServiceApi.parse("""
                {"rule_id":"od-sample-0001","version":1,"name":"Old sample","type":"query","description":"d",
                 "query":"process.name: sh","index":["logs-endpoint.events.process-*"],"risk_score":73,
                 "severity":"high","rule_source":{"type":"external","is_customized":false}}""");
        ok(as("ann", space, ANN).contentType("multipart/form-data")
                .multiPart("file", "rules.ndjson", (old + "\n").getBytes(StandardCharsets.UTF_8), "application/ndjson")
                .post(RULES + "/_import"));
        String upgradedId = ok(as("ann", space, ANN).queryParam("rule_id", "od-sample-0001").get(RULES))
                .get("id").asText();
        assertSnapshot(upgradedId, ANN);

        JsonNode installed = ok(as("bob", space, BOB).put(RULES + "/prepackaged"));
        assertEquals(1, installed.get("rules_updated").asInt(), installed.toString());
        assertSnapshot(upgradedId, BOB);
        String newId = ok(as("bob", space, BOB).queryParam("rule_id", "od-sample-0002").get(RULES)).get("id").asText();
        assertSnapshot(newId, BOB);
    }
}
