package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A rule's life through the gateway: created, read back, published, deleted. */
@ExtendWith(SystemUnderTest.class)
class RulesE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String rule(String ruleId) {
        return """
                {"name":"Logins as root","description":"A login as root","risk_score":21,"severity":"medium",
                 "type":"query","query":"user.name: root","index":["logs-*"],"rule_id":"%s","enabled":false}
                """.formatted(ruleId);
    }

    @Test
    void b1_aRuleCreatedThroughTheGatewayIsStoredPublishedAndDeleted() throws Exception {
        String ruleId = "e2e-" + UUID.randomUUID();
        JsonNode created = JSON.readTree(Gateway.asAdmin().contentType("application/json").body(rule(ruleId))
                .post("/api/detection_engine/rules").then().statusCode(200).extract().asString());
        assertEquals("elastic", created.get("created_by").asText());
        assertEquals(100, created.get("max_signals").asInt());
        assertEquals("5m", created.get("interval").asText());
        String id = created.get("id").asText();

        JsonNode read = JSON.readTree(Gateway.asAdmin().queryParam("rule_id", ruleId)
                .get("/api/detection_engine/rules").then().statusCode(200).extract().asString());
        assertEquals(created, read);

        ConsumerRecord<String, String> event = KafkaProbe.await(SystemUnderTest.endpoints().kafkaBootstrapServers(),
                Topics.RULES, r -> id.equals(r.key()) && r.value() != null, Duration.ofSeconds(30)).orElseThrow();
        assertEquals(created, JSON.readTree(event.value()).get("rule"));

        Gateway.asAdmin().queryParam("id", id).delete("/api/detection_engine/rules").then().statusCode(200)
                .body("rule_id", equalTo(ruleId));
        Gateway.asAdmin().queryParam("id", id).get("/api/detection_engine/rules").then().statusCode(404)
                .body("message", equalTo("id: \"" + id + "\" not found"));
        ConsumerRecord<String, String> tombstone = KafkaProbe.await(SystemUnderTest.endpoints().kafkaBootstrapServers(),
                Topics.RULES, r -> id.equals(r.key()) && r.value() == null, Duration.ofSeconds(30)).orElseThrow();
        assertNull(tombstone.value());
    }

    @Test
    void b4_aDuplicateRuleIdIsAConflict() {
        String ruleId = "e2e-" + UUID.randomUUID();
        Gateway.asAdmin().contentType("application/json").body(rule(ruleId)).post("/api/detection_engine/rules")
                .then().statusCode(200);
        Gateway.asAdmin().contentType("application/json").body(rule(ruleId)).post("/api/detection_engine/rules")
                .then().statusCode(409)
                .body(equalTo("{\"message\":\"rule_id: \\\"" + ruleId + "\\\" already exists\",\"status_code\":409}"));
    }

    @Test
    void b146_aRuleInOneSpaceIsInvisibleFromAnother() {
        String ruleId = "e2e-" + UUID.randomUUID();
        Gateway.asAdmin().contentType("application/json").body(rule(ruleId))
                .post("/s/team-a/api/detection_engine/rules").then().statusCode(200);
        Gateway.asAdmin().queryParam("rule_id", ruleId).get("/s/team-a/api/detection_engine/rules").then().statusCode(200);
        Gateway.asAdmin().queryParam("rule_id", ruleId).get("/api/detection_engine/rules").then().statusCode(404);
        Gateway.asAdmin().queryParam("rule_id", ruleId).get("/s/team-b/api/detection_engine/rules").then().statusCode(404);
    }
}
