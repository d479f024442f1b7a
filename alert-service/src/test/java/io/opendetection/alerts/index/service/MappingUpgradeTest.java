package io.opendetection.alerts.index.service;

import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestEndpoints;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the service does at start: the alerts indices of every space get the fields they lack. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class MappingUpgradeTest {
    @Inject
    AlertsIndexService indices;

    @Inject
    Pool pool;

    @Test
    void addsTheNewFieldsToTheIndicesOfEverySpaceThatLacksThem() {
        String space = ServiceApi.newSpace();
        String index = ".internal.alerts-security.alerts-" + space + "-000001";
        // An index as an older release left it: no ECS fields in its mapping.
        given().baseUri(TestEndpoints.current().elasticsearchUrl()).contentType(ContentType.JSON).body("""
                {"settings": {"number_of_replicas": 0, "hidden": true},
                 "mappings": {"dynamic": false, "properties": {"@timestamp": {"type": "date"}}},
                 "aliases": {".alerts-security.alerts-%s": {"is_write_index": true, "is_hidden": true}}}"""
                        .formatted(space))
                .put("/" + index).then().statusCode(200);
        try {
            List<String> updated = indices.addMissingFieldsEverywhere(AlertsIndexService.SERVICE_USER)
                    .await().atMost(Duration.ofSeconds(30));
            assertTrue(updated.contains(space), updated.toString());
            String mapping = given().baseUri(TestEndpoints.current().elasticsearchUrl())
                    .get("/" + index + "/_mapping").then().statusCode(200).extract().asString();
            assertTrue(mapping.contains("\"host\":{\"properties\":{\"hostname\""), mapping);
            long recorded = pool.preparedQuery("SELECT count(*) AS n FROM index_changes WHERE space = $1"
                            + " AND change = 'mapping_updated' AND user_name = 'alert-service' AND indices = $2")
                    .execute(Tuple.of(space, new String[] {index})).await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getLong("n");
            assertEquals(1, recorded);
            // up to date now: a second start changes nothing
            assertTrue(!indices.addMissingFieldsEverywhere(AlertsIndexService.SERVICE_USER)
                    .await().atMost(Duration.ofSeconds(30)).contains(space));
        } finally {
            given().baseUri(TestEndpoints.current().elasticsearchUrl()).delete("/" + index).then().statusCode(200);
        }
    }
}
