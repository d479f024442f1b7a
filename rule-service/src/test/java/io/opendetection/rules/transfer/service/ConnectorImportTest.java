package io.opendetection.rules.transfer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kibana's decisions about the connectors of a rule import. */
class ConnectorImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode connector(String id, boolean missingSecrets) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"%s","type":"action","attributes":{"actionTypeId":".webhook","name":"webhook",
                 "isMissingSecrets":%s,"config":{},"secrets":{"user":"u","password":"p"}},"references":[]}"""
                .formatted(id, missingSecrets));
    }

    private static Map<String, Set<String>> referenced(String... connectorAndRule) {
        Map<String, Set<String>> referenced = new LinkedHashMap<>();
        for (int i = 0; i < connectorAndRule.length; i += 2) {
            referenced.computeIfAbsent(connectorAndRule[i], key -> new LinkedHashSet<>()).add(connectorAndRule[i + 1]);
        }
        return referenced;
    }

    private static Map<String, ObjectNode> file(ObjectNode... connectors) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (ObjectNode connector : connectors) {
            byId.put(connector.get("id").asText(), connector);
        }
        return byId;
    }

    @Test
    void aConnectorNeitherInTheFileNorStoredIsAnErrorNamingItsRule() throws Exception {
        ConnectorImport.Plan plan = ConnectorImport.plan(referenced("123", "rule-1"), Map.of(), Set.of(), false);
        assertEquals(JSON.readTree("""
                [{"id":"123","rule_id":"rule-1","error":{"status_code":404,"message":"1 connector is missing. Connector id missing is: 123"}}]"""),
                plan.errors());
        assertTrue(plan.toStore().isEmpty());
    }

    @Test
    void severalMissingConnectorsAreOneError() throws Exception {
        ConnectorImport.Plan plan = ConnectorImport.plan(referenced("a", "rule-1", "b", "rule-2", "b", "rule-3"),
                Map.of(), Set.of(), false);
        assertEquals(JSON.readTree("""
                [{"id":"a,b","rule_id":"rule-1,rule-2,rule-3","error":{"status_code":404,
                  "message":"2 connectors are missing. Connector ids missing are: a, b"}}]"""), plan.errors());
    }

    @Test
    void theFilesNewConnectorsAreStoredWithoutSecretsAndTheStoredOnesKept() throws Exception {
        ConnectorImport.Plan plan = ConnectorImport.plan(referenced("new", "rule-1", "old", "rule-2"),
                file(connector("new", true), connector("old", false)), Set.of("old"), false);
        assertEquals(0, plan.errors().size());
        assertEquals(1, plan.toStore().size());
        assertEquals("new", plan.toStore().get(0).get("id").asText());
        assertEquals(JSON.createObjectNode(), plan.toStore().get(0).at("/attributes/secrets"));
        assertEquals(JSON.readTree("""
                [{"type":"action_required","message":"1 connector has sensitive information that require updates.",
                  "actionPath":"/app/management/insightsAndAlerting/triggersActionsConnectors","buttonLabel":"Go to connectors"}]"""),
                plan.warnings());
    }

    @Test
    void overwriteReplacesWithTheFilesConnectorsAndNeedsSome() throws Exception {
        ConnectorImport.Plan replaced = ConnectorImport.plan(referenced("old", "rule-1"),
                file(connector("old", false), connector("other", false)), Set.of("old"), true);
        assertEquals(List.of("old", "other"), replaced.toStore().stream().map(c -> c.get("id").asText()).toList());
        assertEquals(0, replaced.warnings().size());

        ConnectorImport.Plan none = ConnectorImport.plan(referenced("old", "rule-1"), Map.of(), Set.of("old"), true);
        assertEquals("1 connector is missing. Connector id missing is: old", none.errors().at("/0/error/message").asText());
    }

    @Test
    void connectorsNoRuleUsesAreIgnored() throws Exception {
        ConnectorImport.Plan plan = ConnectorImport.plan(Map.of(), file(connector("unused", false)), Set.of(), false);
        assertTrue(plan.toStore().isEmpty());
        assertEquals(0, plan.errors().size());
    }
}
