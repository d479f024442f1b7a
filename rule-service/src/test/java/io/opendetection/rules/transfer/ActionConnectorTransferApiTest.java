package io.opendetection.rules.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Connectors through {@code _import} and {@code _export}, stored in PostgreSQL without their secrets. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class ActionConnectorTransferApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";
    private static final String RULE = """
            {"name":"n","description":"d","risk_score":1,"severity":"high","type":"query","query":"*:*","enabled":false,
             "rule_id":"rule-1","actions":[{"group":"default","id":"hook-1","action_type_id":".webhook","params":{}}]}""";
    private static final String CONNECTOR = """
            {"id":"hook-1","type":"action","attributes":{"actionTypeId":".webhook","name":"webhook","isMissingSecrets":false,
             "config":{},"secrets":{"password":"s3cret"}},"references":[]}""";

    @Inject
    Pool pool;

    private static JsonNode importFile(String token, String query, String... lines) throws Exception {
        byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return JSON.readTree(given().header("Authorization", token).multiPart("file", "rules.ndjson", file)
                .post(RULES + "/_import" + (query == null ? "" : "?" + query)).then().statusCode(200).extract().asString());
    }

    @Test
    void importedConnectorsAreKeptWithoutSecretsAndExportedAfterTheRules() throws Exception {
        String space = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.bearer("elastic", Set.of("superuser"), space);
        JsonNode imported = importFile(token, null, RULE.replace("\n", ""), CONNECTOR.replace("\n", ""));
        assertEquals(1, imported.get("success_count").asInt(), imported.toString());
        assertEquals(1, imported.get("action_connectors_success_count").asInt());

        String stored = pool.preparedQuery("SELECT body::text AS body FROM action_connector WHERE space = $1 AND id = 'hook-1'")
                .execute(Tuple.of(space)).await().indefinitely().iterator().next().getString("body");
        assertFalse(stored.contains("s3cret"), stored);

        String[] lines = given().header("Authorization", token).post(RULES + "/_export").then().statusCode(200)
                .extract().asString().split("\n");
        assertEquals(3, lines.length);
        JsonNode connector = JSON.readTree(lines[1]);
        assertEquals("hook-1", connector.get("id").asText());
        assertEquals(JSON.readTree("{\"actionTypeId\":\".webhook\",\"name\":\"webhook\",\"isMissingSecrets\":true,"
                + "\"config\":{},\"secrets\":{}}"), connector.get("attributes"));
        assertEquals(2, JSON.readTree(lines[2]).get("exported_count").asInt());
        assertEquals(1, JSON.readTree(lines[2]).get("exported_action_connector_count").asInt());

        // Another space has no such connector: the rule alone does not import there.
        String other = TestTokens.bearer("elastic", Set.of("superuser"), "t-" + UUID.randomUUID().toString().substring(0, 8));
        JsonNode missing = importFile(other, null, RULE.replace("\n", ""));
        assertEquals("1 connector is missing. Connector id missing is: hook-1", missing.at("/errors/0/error/message").asText());
        assertEquals(0, missing.get("success_count").asInt());
    }
}
