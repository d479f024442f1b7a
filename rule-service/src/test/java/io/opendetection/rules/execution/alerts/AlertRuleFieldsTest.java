package io.opendetection.rules.execution.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.rules.execution.RunContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AlertRuleFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAlertOfARunCarriesTheRulesFieldsAsKibanaWritesThem() throws Exception {
        ObjectNode rule = (ObjectNode) JSON.readTree("""
                {"id":"r-1","rule_id":"rule-1","name":"Root logins","type":"query","severity":"high","risk_score":73,
                 "revision":2,"enabled":true,"interval":"5m","tags":["t1"],"query":"user.name: root","language":"kuery",
                 "index":["logs-*"],"references":["https://example.com/a"],"note":"## Triage\\nlook at \\"root\\"",
                 "threat":[{"framework":"MITRE ATT&CK","tactic":{"id":"TA0001","name":"Initial Access",
                 "reference":"https://attack.mitre.org/tactics/TA0001/"}}],"meta":{"from":"1m","kibana_siem_app_url":"x"}}""");
        RunContext run = RunContext.of("default", rule, "exec-1", "scheduled", Instant.parse("2026-12-02T10:00:00Z"),
                List.of("logs-*", "other-*"), null, 100);

        for (String host : List.of("host-1", "host-2")) {
            ObjectNode source = (ObjectNode) JSON.readTree("{\"@timestamp\":\"2026-12-02T09:59:00Z\",\"host\":{\"name\":\""
                    + host + "\"},\"user\":{\"name\":\"root\"}}");
            ObjectNode built = AlertBuilder.fromEvent(run, new SourceEvent("logs-1", host, "1", source), run.startedAt());
            // as it leaves rule-service: serialised
            JsonNode alert = JSON.readTree(JSON.writeValueAsBytes(built));

            assertEquals(host, alert.path("host").path("name").asText());
            assertEquals("Root logins", alert.path("kibana.alert.rule.name").asText());
            assertEquals("siem.queryRule", alert.path("kibana.alert.rule.rule_type_id").asText());
            assertEquals("Custom Query Rule", alert.path("kibana.alert.rule.category").asText());
            assertEquals(2, alert.path("kibana.alert.rule.revision").asInt());
            assertEquals(rule.get("threat"), alert.path("kibana.alert.rule.threat"));
            assertEquals(rule.get("references"), alert.path("kibana.alert.rule.references"));
            assertEquals(rule.get("note"), alert.path("kibana.alert.rule.note"));
            assertEquals(JSON.readTree("[\"logs-*\",\"other-*\"]"), alert.path("kibana.alert.rule.indices"));
            assertEquals("1m", alert.path("kibana.alert.rule.meta.from").asText());
            JsonNode parameters = alert.path("kibana.alert.rule.parameters");
            assertEquals("user.name: root", parameters.path("query").asText());
            assertEquals(rule.get("threat"), parameters.path("threat"));
            // what lives on the rule itself is not a parameter
            for (String notParameter : List.of("id", "name", "enabled", "tags", "interval", "revision")) {
                assertFalse(parameters.has(notParameter), notParameter);
            }
        }
    }
}
