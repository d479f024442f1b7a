package io.opendetection.rules.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code _bulk_action} {@code run}: Kibana's checks and answers, and the manual runs it queues. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class BulkManualRunApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = "/api/detection_engine/rules";

    @Inject
    Pool pool;

    /** Milliseconds, as a client sends dates (PostgreSQL keeps microseconds). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String space() {
        return TestTokens.bearer("elastic", Set.of("superuser"), "t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A rule that runs rarely and looks at nothing, so only a manual run touches the range. */
    private static JsonNode create(String token, String ruleId, boolean enabled) throws Exception {
        String rule = """
                {"name":"%s","description":"d","risk_score":1,"severity":"high","type":"query","query":"*:*",
                 "index":["nothing-here-*"],"rule_id":"%s","enabled":%s,"interval":"24h"}""".formatted(ruleId, ruleId, enabled);
        return JSON.readTree(given().header("Authorization", token).contentType("application/json").body(rule)
                .post(RULES).then().statusCode(200).extract().asString());
    }

    private static JsonNode run(String token, String dryRun, String selection, Instant start, Instant end, int status)
            throws Exception {
        String body = "{" + selection + ",\"action\":\"run\",\"run\":{\"start_date\":\"" + start + "\",\"end_date\":\"" + end + "\"}}";
        return JSON.readTree(given().header("Authorization", token).contentType("application/json").body(body)
                .post(RULES + "/_bulk_action" + (dryRun == null ? "" : "?dry_run=" + dryRun))
                .then().statusCode(status).extract().asString());
    }

    private static String ids(JsonNode... rules) {
        List<String> ids = new ArrayList<>();
        for (JsonNode rule : rules) {
            ids.add("\"" + rule.get("id").asText() + "\"");
        }
        return "\"ids\":[" + String.join(",", ids) + "]";
    }

    private List<Row> manualRuns(JsonNode rule) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT range_start, range_end, space FROM backfill WHERE rule_id = $1 AND kind = 'manual'")
                .execute(Tuple.of(UUID.fromString(rule.get("id").asText()))).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void enabledRulesAreQueuedAndTheOthersFail() throws Exception {
        String token = space();
        JsonNode enabled = create(token, "rule-enabled", true);
        JsonNode disabled = create(token, "rule-disabled", false);
        Instant end = now().minusSeconds(60);
        Instant start = end.minus(Duration.ofHours(1));

        JsonNode answer = run(token, null, ids(enabled, disabled).replace("]", ",\"rule-2\"]"), start, end, 500);
        assertEquals("Bulk edit partially failed", answer.get("message").asText());
        assertEquals(JSON.readTree("{\"failed\":2,\"skipped\":0,\"succeeded\":1,\"total\":3}"), answer.at("/attributes/summary"));
        assertEquals(JSON.readTree("{\"message\":\"Rule not found\",\"status_code\":500,\"rules\":[{\"id\":\"rule-2\"}]}"),
                answer.at("/attributes/errors/0"));
        assertEquals(JSON.readTree("{\"message\":\"Cannot schedule manual rule run for a disabled rule\",\"status_code\":500,"
                + "\"err_code\":\"MANUAL_RULE_RUN_DISABLED_RULE\",\"rules\":[{\"id\":\"" + disabled.get("id").asText()
                + "\",\"name\":\"rule-disabled\"}]}"), answer.at("/attributes/errors/1"));
        assertEquals(enabled.get("id"), answer.at("/attributes/results/updated/0/id"));
        assertEquals(1, answer.at("/attributes/results/updated").size());

        List<Row> queued = manualRuns(enabled);
        assertEquals(1, queued.size());
        assertEquals(start, queued.get(0).getOffsetDateTime("range_start").toInstant());
        assertEquals(end, queued.get(0).getOffsetDateTime("range_end").toInstant());
        assertTrue(manualRuns(disabled).isEmpty());
    }

    @Test
    void aQueryRunsEveryMatchingRuleAndADryRunQueuesNothing() throws Exception {
        String token = space();
        JsonNode first = create(token, "rule-1", true);
        JsonNode second = create(token, "rule-2", true);
        Instant end = now().minusSeconds(60);
        JsonNode dry = run(token, "true", "\"ids\":[\"" + first.get("id").asText() + "\"]", end.minusSeconds(3600), end, 200);
        assertEquals(JSON.readTree("{\"failed\":0,\"skipped\":0,\"succeeded\":1,\"total\":1}"), dry.at("/attributes/summary"));
        assertFalse(dry.at("/attributes").has("errors"));
        assertTrue(manualRuns(first).isEmpty());

        JsonNode all = run(token, null, "\"query\":\"\"", end.minusSeconds(3600), end, 200);
        assertTrue(all.get("success").asBoolean());
        assertEquals(2, all.get("rules_count").asInt());
        assertEquals(1, manualRuns(first).size());
        assertEquals(1, manualRuns(second).size());
    }

    @Test
    void aRangeKibanaRefusesRefusesTheRequest() throws Exception {
        String token = space();
        JsonNode rule = create(token, "rule-1", true);
        Instant now = now();
        String schedule = "Error validating backfill schedule parameters \"[{\"ruleId\":\"" + rule.get("id").asText()
                + "\",\"ranges\":[{\"start\":\"%s\",\"end\":\"%s\"}]}]\" - [0]: %s";
        Instant start = now.minus(Duration.ofHours(1));
        assertEquals(JSON.readTree(JSON.createObjectNode().put("message", schedule.formatted(now.minusSeconds(1), start,
                        "Backfill end must be greater than backfill start")).put("status_code", 400).toString()),
                run(token, null, ids(rule), now.minusSeconds(1), start, 400));
        assertEquals(schedule.formatted(start, now.plus(Duration.ofDays(1)), "Backfill cannot be scheduled for the future"),
                run(token, null, ids(rule), start, now.plus(Duration.ofDays(1)), 400).get("message").asText());
        Instant longAgo = now.minus(Duration.ofDays(91));
        assertEquals(schedule.formatted(longAgo, start, "Backfill cannot look back more than 90 days"),
                run(token, null, ids(rule), longAgo, start, 400).get("message").asText());
        assertTrue(manualRuns(rule).isEmpty());

        // The range is checked only for rules that qualify, and not in a dry run.
        JsonNode disabled = create(token, "rule-2", false);
        run(token, null, ids(disabled), longAgo, start, 500);
        run(token, "true", ids(rule), longAgo, start, 200);
    }

    @Test
    void aRunNeedsItsRange() {
        String token = space();
        given().header("Authorization", token).contentType("application/json").body("{\"query\":\"\",\"action\":\"run\"}")
                .post(RULES + "/_bulk_action").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.equalTo("[request body]: run: Required"));
        given().header("Authorization", token).contentType("application/json")
                .body("{\"query\":\"\",\"action\":\"run\",\"run\":{\"start_date\":\"2024-01-01T00:00:00.000Z\"}}")
                .post(RULES + "/_bulk_action").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.equalTo("[request body]: run.end_date: Required"));
    }
}
