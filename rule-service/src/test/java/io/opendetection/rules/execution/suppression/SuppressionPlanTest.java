package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grouping and merging of alert candidates (ENGINE.md §9), without Elasticsearch or Kafka. */
class SuppressionPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String RULE = "0b1c2d3e-0000-4000-8000-000000000001";
    private static final String EXECUTION = "0b1c2d3e-0000-4000-8000-00000000e001";
    private static final String EARLIER = "0b1c2d3e-0000-4000-8000-00000000e000";
    private static final Suppression BY_HOST = new Suppression(List.of("host.name"), null, true);
    private static final Suppression BY_HOST_FOR_AN_HOUR = new Suppression(List.of("host.name"), Duration.ofHours(1), true);

    private static ObjectNode candidate(String id, String host, int secondsAgo) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("kibana.alert.uuid", id);
        alert.put("message", "event " + id);
        if (host != null) {
            alert.putObject("host").put("name", host);
        }
        alert.putObject("event").put("kind", "signal").put("category", "authentication");
        alert.put("kibana.alert.original_event.kind", "event");
        alert.put("kibana.alert.original_event.category", "authentication");
        alert.put("kibana.alert.original_time", Timestamps.of(NOW.minusSeconds(secondsAgo)));
        return alert;
    }

    private static SuppressionPlan.Execution execution(int newAlertsLeft, Map<String, OpenGroup> open) {
        return new SuppressionPlan.Execution("default", RULE, EXECUTION, NOW, newAlertsLeft, NOW.plusSeconds(60), open);
    }

    private static String instanceOf(Suppression suppression, String host) {
        return SuppressionPlan.of(suppression, execution(10, Map.of()), List.of(candidate("x", host, 1)))
                .created().get(0).get(SuppressionPlan.INSTANCE_ID).asText();
    }

    @Test
    void candidatesWithTheSameValuesBecomeOneAlertOfTheOldest() {
        List<ObjectNode> candidates = List.of(candidate("a2", "web-01", 20), candidate("b1", "web-02", 25),
                candidate("a1", "web-01", 30), candidate("a3", "web-01", 10));
        SuppressionPlan plan = SuppressionPlan.of(BY_HOST, execution(10, Map.of()), candidates);

        assertEquals(2, plan.created().size());
        assertTrue(plan.updates().isEmpty());
        assertEquals(2, plan.suppressed());
        assertFalse(plan.truncated());
        JsonNode web01 = plan.created().get(0);
        assertEquals("event a1", web01.path("message").asText());
        assertEquals(Timestamps.of(NOW.minusSeconds(30)), web01.path("kibana.alert.original_time").asText());
        assertEquals(JSON.createArrayNode().add(JSON.createObjectNode().put("field", "host.name").put("value", "web-01")),
                web01.get(SuppressionPlan.TERMS));
        assertEquals(Timestamps.of(NOW.minusSeconds(30)), web01.get(SuppressionPlan.START).asText());
        assertEquals(Timestamps.of(NOW.minusSeconds(10)), web01.get(SuppressionPlan.END).asText());
        assertEquals(2, web01.get(SuppressionPlan.DOCS_COUNT).asLong());
        assertNotEquals("a1", web01.get("kibana.alert.uuid").asText(), "a suppressed alert has an id of its own");
        assertEquals(0, plan.created().get(1).get(SuppressionPlan.DOCS_COUNT).asLong());
        assertEquals(instanceOf(BY_HOST, "web-01"), web01.get(SuppressionPlan.INSTANCE_ID).asText());
        assertNotEquals(web01.get(SuppressionPlan.INSTANCE_ID), plan.created().get(1).get(SuppressionPlan.INSTANCE_ID));

        OpenGroup opened = plan.opened().get(0);
        assertEquals(web01.get("kibana.alert.uuid").asText(), opened.alertId());
        assertEquals(2, opened.docsCount());
        assertEquals(EXECUTION, opened.executionId());
        assertEquals(NOW.plusSeconds(60), opened.openUntil());

        SuppressionPlan again = SuppressionPlan.of(BY_HOST, execution(10, Map.of()), candidates);
        assertEquals(web01.get("kibana.alert.uuid"), again.created().get(0).get("kibana.alert.uuid"),
                "a replayed execution publishes the same ids");
    }

    @Test
    void missingValuesFormTheirOwnGroupUnlessTheyAreNotToBeSuppressed() {
        List<ObjectNode> candidates = List.of(candidate("a", null, 30), candidate("b", null, 20),
                candidate("c", "web-01", 10));
        SuppressionPlan suppressed = SuppressionPlan.of(BY_HOST, execution(10, Map.of()), candidates);
        assertEquals(2, suppressed.created().size());
        assertTrue(suppressed.created().get(0).get(SuppressionPlan.TERMS).get(0).get("value").isNull());
        assertEquals(1, suppressed.created().get(0).get(SuppressionPlan.DOCS_COUNT).asLong());

        Suppression doNotSuppress = new Suppression(List.of("host.name"), null, false);
        SuppressionPlan plain = SuppressionPlan.of(doNotSuppress, execution(10, Map.of()), candidates);
        assertEquals(3, plain.created().size());
        assertEquals("a", plain.created().get(0).get("kibana.alert.uuid").asText());
        assertEquals("b", plain.created().get(1).get("kibana.alert.uuid").asText());
        assertFalse(plain.created().get(0).has(SuppressionPlan.TERMS));
        assertEquals(1, plain.opened().size());
    }

    @Test
    void arrayValuesAreSortedAndEventFieldsAreTheSourceEventsOwn() {
        ObjectNode first = candidate("a", null, 20);
        first.putArray("tags").add("b").add("a");
        ObjectNode second = candidate("b", null, 10);
        second.putArray("tags").add("a").add("b");
        Suppression byTagsAndKind = new Suppression(List.of("tags", "event.kind"), null, true);
        SuppressionPlan plan = SuppressionPlan.of(byTagsAndKind, execution(10, Map.of()), List.of(first, second));
        assertEquals(1, plan.created().size());
        JsonNode terms = plan.created().get(0).get(SuppressionPlan.TERMS);
        assertEquals("[\"a\",\"b\"]", terms.get(0).get("value").toString());
        assertEquals("event", terms.get(1).get("value").asText());
    }

    @Test
    void perExecutionMergesOnlyIntoAlertsOfTheSameExecution() {
        String instance = instanceOf(BY_HOST, "web-01");
        OpenGroup sameExecution = new OpenGroup(instance, "alert-1", NOW.minusSeconds(50), NOW.minusSeconds(40), 3,
                EXECUTION, NOW.plusSeconds(60));
        SuppressionPlan merged = SuppressionPlan.of(BY_HOST, execution(10, Map.of(instance, sameExecution)),
                List.of(candidate("a", "web-01", 30), candidate("b", "web-01", 20)));
        assertTrue(merged.created().isEmpty());
        SuppressionPlan.Update update = merged.updates().get(0);
        assertEquals("alert-1", update.alertId());
        assertEquals(5, update.fields().get(SuppressionPlan.DOCS_COUNT).asLong());
        assertEquals(Timestamps.of(NOW.minusSeconds(20)), update.fields().get(SuppressionPlan.END).asText());
        assertEquals(Timestamps.of(NOW), update.fields().get("kibana.alert.last_detected").asText());
        assertEquals(5, merged.extended().get(0).docsCount());

        // an earlier execution's alert: the events it already counts are left out, newer ones make a new alert
        OpenGroup earlierExecution = new OpenGroup(instance, "alert-0", NOW.minusSeconds(50), NOW.minusSeconds(25), 3,
                EARLIER, NOW.plusSeconds(60));
        SuppressionPlan next = SuppressionPlan.of(BY_HOST, execution(10, Map.of(instance, earlierExecution)),
                List.of(candidate("a", "web-01", 30), candidate("b", "web-01", 20), candidate("c", "web-01", 10)));
        assertTrue(next.updates().isEmpty());
        assertEquals(1, next.created().size());
        assertEquals(1, next.created().get(0).get(SuppressionPlan.DOCS_COUNT).asLong());
        assertEquals(Timestamps.of(NOW.minusSeconds(20)), next.created().get(0).get(SuppressionPlan.START).asText());
    }

    @Test
    void aTimeWindowMergesIntoTheOpenAlertOfAnEarlierExecution() {
        String instance = instanceOf(BY_HOST_FOR_AN_HOUR, "web-01");
        OpenGroup open = new OpenGroup(instance, "alert-0", NOW.minusSeconds(500), NOW.minusSeconds(300), 4, EARLIER,
                NOW.plusSeconds(3000));
        SuppressionPlan plan = SuppressionPlan.of(BY_HOST_FOR_AN_HOUR, execution(10, Map.of(instance, open)),
                List.of(candidate("old", "web-01", 400), candidate("a", "web-01", 30), candidate("b", "web-01", 20),
                        candidate("c", "web-02", 10)));
        assertEquals(1, plan.created().size(), "web-02 is a new group");
        SuppressionPlan.Update update = plan.updates().get(0);
        assertEquals("alert-0", update.alertId());
        assertEquals(6, update.fields().get(SuppressionPlan.DOCS_COUNT).asLong(), "4 + the 2 new events");
        assertEquals(Timestamps.of(NOW.minusSeconds(20)), update.fields().get(SuppressionPlan.END).asText());
        assertFalse(update.fields().has(SuppressionPlan.START), "only the creating execution moves the start");
        assertEquals(EARLIER, plan.extended().get(0).executionId());
        assertEquals(2, plan.suppressed());
    }

    @Test
    void newAlertsStopAtMaxSignalsWhileOpenGroupsStillCount() {
        String instance = instanceOf(BY_HOST_FOR_AN_HOUR, "web-09");
        OpenGroup open = new OpenGroup(instance, "alert-9", NOW.minusSeconds(500), NOW.minusSeconds(300), 0, EARLIER,
                NOW.plusSeconds(3000));
        SuppressionPlan plan = SuppressionPlan.of(BY_HOST_FOR_AN_HOUR, execution(1, Map.of(instance, open)),
                List.of(candidate("a", "web-01", 30), candidate("b", "web-02", 20), candidate("c", "web-09", 10)));
        assertEquals(1, plan.created().size());
        assertEquals(Timestamps.of(NOW.minusSeconds(30)), plan.created().get(0).get(SuppressionPlan.START).asText());
        assertEquals(1, plan.updates().size());
        assertTrue(plan.truncated());
    }

    /** Two sequences of two events each: building blocks then the shell, as the EQL executor makes them. */
    private static List<ObjectNode> sequences(String host) {
        List<ObjectNode> candidates = new ArrayList<>();
        int secondsAgo = 60;
        for (String shell : List.of("shell-1", "shell-2")) {
            for (int i = 0; i < 2; i++) {
                ObjectNode block = candidate(shell + "-block-" + i, host, secondsAgo -= 10);
                block.put("kibana.alert.group.id", shell).put("kibana.alert.group.index", i);
                candidates.add(block);
            }
            ObjectNode alert = candidate(shell, host, 0);
            alert.remove("kibana.alert.original_time");
            alert.put("kibana.alert.group.id", shell);
            candidates.add(alert);
        }
        return candidates;
    }

    @Test
    void aSequenceIsSuppressedByItsShellAndOnlyANewShellBringsItsBuildingBlocks() {
        SuppressionPlan plan = SuppressionPlan.of(BY_HOST, execution(10, Map.of()), sequences("web-01"));
        assertEquals(3, plan.created().size());
        ObjectNode shell = plan.created().get(2);
        String shellId = shell.get("kibana.alert.uuid").asText();
        assertEquals(shellId, shell.get("kibana.alert.group.id").asText());
        assertEquals(List.of("shell-1-block-0", "shell-1-block-1"),
                plan.created().subList(0, 2).stream().map(alert -> alert.get("kibana.alert.uuid").asText()).toList());
        plan.created().subList(0, 2).forEach(block -> assertEquals(shellId, block.get("kibana.alert.group.id").asText()));
        assertEquals(1, shell.get(SuppressionPlan.DOCS_COUNT).asLong());
        assertEquals(Timestamps.of(NOW.minusSeconds(50)), shell.get(SuppressionPlan.START).asText());
        assertEquals(Timestamps.of(NOW.minusSeconds(20)), shell.get(SuppressionPlan.END).asText());
        assertEquals(shellId, plan.opened().get(0).alertId());
    }

    @Test
    void unsuppressedSequencesCountByTheirShellAndOneThatDoesNotFitTakesItsBuildingBlocks() {
        Suppression doNotSuppress = new Suppression(List.of("host.name"), null, false);
        SuppressionPlan plan = SuppressionPlan.of(doNotSuppress, execution(1, Map.of()), sequences(null));
        assertEquals(List.of("shell-1-block-0", "shell-1-block-1", "shell-1"),
                plan.created().stream().map(alert -> alert.get("kibana.alert.uuid").asText()).toList());
        assertTrue(plan.truncated());
        assertTrue(plan.opened().isEmpty());
    }

    @Test
    void aThresholdAlertStandsForItsBucketSinceItsFirstEvent() {
        ObjectNode bucket = candidate("t", "web-01", 10);
        bucket.putObject("kibana.alert.threshold_result").put("from", Timestamps.of(NOW.minusSeconds(90)));
        SuppressionPlan plan = SuppressionPlan.of(BY_HOST_FOR_AN_HOUR, execution(10, Map.of()), List.of(bucket));
        assertEquals(Timestamps.of(NOW.minusSeconds(90)), plan.created().get(0).get(SuppressionPlan.START).asText());
        assertEquals(Timestamps.of(NOW.minusSeconds(10)), plan.created().get(0).get(SuppressionPlan.END).asText());
    }
}
