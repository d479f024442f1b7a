package io.opendetection.alerts.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class AlertsIndexResourceTest {
    private static final String PATH = "/api/detection_engine/index";
    private static final String OTHER_SPACE = "other-space";
    private static final String OUTDATED_SPACE = "outdated";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @AfterEach
    void deleteEveryIndexTheTestsMade() {
        for (String space : List.of("default", OTHER_SPACE, OUTDATED_SPACE)) {
            as(space).delete(PATH);
        }
    }

    @Test
    void createsReadsAndDeletesTheAlertsIndexOfTheSpace() {
        long before = lastChangeId();

        as("default").post(PATH).then().statusCode(200).body("acknowledged", equalTo(true));
        JsonNode indices = elasticsearch("/.alerts-security.alerts-default");
        assertEquals(List.of(".internal.alerts-security.alerts-default-000001"), names(indices));
        JsonNode index = indices.get(".internal.alerts-security.alerts-default-000001");
        assertTrue(index.at("/aliases/.alerts-security.alerts-default/is_write_index").asBoolean());
        assertEquals("false", index.at("/mappings/dynamic").asText());
        assertEquals("keyword", index.at("/mappings/properties/kibana/properties/alert/properties/uuid/type").asText());
        assertEquals("float", index.at("/mappings/properties/kibana/properties/alert/properties/risk_score/type").asText());
        assertEquals("long", index.at("/mappings/properties/kibana/properties/alert/properties/ancestors/properties/depth/type").asText());
        assertEquals("date", index.at("/mappings/properties/@timestamp/type").asText());
        assertEquals("1", index.at("/settings/index/number_of_shards").asText());
        assertEquals("0", index.at("/settings/index/number_of_replicas").asText());
        assertEquals("true", index.at("/settings/index/hidden").asText());

        as("default").get(PATH).then().statusCode(200)
                .body("size()", equalTo(2))
                .body("name", equalTo(".alerts-security.alerts-default"))
                .body("index_mapping_outdated", equalTo(false));

        as("default").post(PATH).then().statusCode(200).body("acknowledged", equalTo(true));
        assertEquals(List.of(".internal.alerts-security.alerts-default-000001"),
                names(elasticsearch("/.alerts-security.alerts-default")));

        as("default").delete(PATH).then().statusCode(200).body("acknowledged", equalTo(true));
        elasticsearchStatus("/.alerts-security.alerts-default", 404);
        elasticsearchStatus("/.internal.alerts-security.alerts-default-000001", 404);
        as("default").get(PATH).then().statusCode(404)
                .body("message", equalTo("index for this space does not exist"))
                .body("status_code", equalTo(404));
        as("default").delete(PATH).then().statusCode(404)
                .body("message", equalTo("index: \".alerts-security.alerts-default\" does not exist"))
                .body("status_code", equalTo(404));

        assertEquals(List.of("default created elastic", "default deleted elastic"), changesSince(before));
    }

    @Test
    void everySpaceHasItsOwnIndex() {
        as("default").post(PATH).then().statusCode(200);
        as(OTHER_SPACE).post(PATH).then().statusCode(200);

        assertEquals(List.of(".internal.alerts-security.alerts-other-space-000001"),
                names(elasticsearch("/.alerts-security.alerts-other-space")));
        as(OTHER_SPACE).get(PATH).then().statusCode(200).body("name", equalTo(".alerts-security.alerts-other-space"));

        as(OTHER_SPACE).delete(PATH).then().statusCode(200);
        as(OTHER_SPACE).get(PATH).then().statusCode(404);
        as("default").get(PATH).then().statusCode(200).body("name", equalTo(".alerts-security.alerts-default"));
    }

    @Test
    void creatingAgainAddsTheFieldsAnOlderIndexLacks() {
        // An index as an older release would have left it: the alias, and a mapping with one field.
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType(ContentType.JSON).body("""
                {"settings": {"number_of_replicas": 0, "hidden": true},
                 "mappings": {"dynamic": false, "properties": {"@timestamp": {"type": "date"}}},
                 "aliases": {".alerts-security.alerts-outdated": {"is_write_index": true, "is_hidden": true}}}""")
                .put("/.internal.alerts-security.alerts-outdated-000001").then().statusCode(200);
        long before = lastChangeId();

        as(OUTDATED_SPACE).get(PATH).then().statusCode(200).body("index_mapping_outdated", equalTo(true));
        as(OUTDATED_SPACE).post(PATH).then().statusCode(200).body("acknowledged", equalTo(true));
        as(OUTDATED_SPACE).get(PATH).then().statusCode(200).body("index_mapping_outdated", equalTo(false));

        JsonNode mapping = elasticsearch("/.alerts-security.alerts-outdated/_mapping")
                .at("/.internal.alerts-security.alerts-outdated-000001/mappings");
        assertEquals("keyword", mapping.at("/properties/kibana/properties/alert/properties/workflow_status/type").asText());
        assertEquals("false", mapping.at("/dynamic").asText());
        assertEquals(List.of("outdated mapping_updated elastic"), changesSince(before));
    }

    @Test
    void refusesToCreateOverAnIndexThatLostItsAlias() {
        String orphan = "/.internal.alerts-security.alerts-orphan-000001";
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType(ContentType.JSON)
                .body("{\"settings\": {\"number_of_replicas\": 0, \"hidden\": true}}")
                .put(orphan).then().statusCode(200);
        try {
            as("orphan").post(PATH).then().statusCode(409).body("message", equalTo(
                    "index \".internal.alerts-security.alerts-orphan-000001\" exists but the alias"
                            + " \".alerts-security.alerts-orphan\" does not point to it"));
        } finally {
            given().baseUri(TestEndpoints.current().elasticsearchUrl()).delete(orphan).then().statusCode(200);
        }
    }

    @Test
    void refusesCallersWithoutAToken() {
        given().post(PATH).then().statusCode(401);
        given().get(PATH).then().statusCode(401);
        given().delete(PATH).then().statusCode(401);
    }

    @Test
    void isReadyWhenPostgresKafkaAndElasticsearchAre() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check", "Elasticsearch cluster health check"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.outbox",
                        equalTo("[OK]"));
    }

    private static RequestSpecification as(String space) {
        return given().header("Authorization", TestTokens.bearer("elastic", Set.of("superuser"), space));
    }

    private static JsonNode elasticsearch(String path) {
        String body = given().baseUri(TestEndpoints.current().elasticsearchUrl()).get(path)
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Elasticsearch answered no JSON: " + body, e);
        }
    }

    private static void elasticsearchStatus(String path, int status) {
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).get(path).then().statusCode(status);
    }

    private static List<String> names(JsonNode indices) {
        List<String> names = new ArrayList<>();
        indices.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private long lastChangeId() {
        return pool.query("SELECT coalesce(max(id), 0) AS id FROM index_changes").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
    }

    /** "space change user" of every index change recorded after {@code id}, oldest first. */
    private List<String> changesSince(long id) {
        List<String> changes = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT space, change, user_name FROM index_changes WHERE id > $1 ORDER BY id")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))) {
            changes.add(row.getString("space") + " " + row.getString("change") + " " + row.getString("user_name"));
        }
        assertFalse(changes.isEmpty(), "no index change was recorded");
        return changes;
    }
}
