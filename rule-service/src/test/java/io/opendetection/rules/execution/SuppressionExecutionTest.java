package io.opendetection.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.contracts.events.AlertChange;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.rules.execution.alerts.AlertIds;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.opendetection.rules.execution.DetectionFixtures.JSON;
import static io.opendetection.rules.execution.DetectionFixtures.indexEvent;
import static io.opendetection.rules.execution.DetectionFixtures.newIndex;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alert suppression (ENGINE.md §9) on real Elasticsearch, Kafka and PostgreSQL: executions of a
 * query rule with {@code alert_suppression} run one by one, and what they publish on
 * detection.alerts.v1 read back (new alerts, and updates of an open group's alert).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class SuppressionExecutionTest {
    @Inject
    RuleRunner runner;

    @Inject
    Pool pool;

    /** One record of detection.alerts.v1: its event type, alert id and document. */
    private record Published(String type, String id, JsonNode document) {
    }

    /** A root-login rule grouping by host; it is never published, so only the test's executions run it. */
    private static ObjectNode rule(String index, String suppression) {
        ObjectNode rule = DetectionFixtures.rule(UUID.randomUUID(), index, "user.name: root");
        rule.put("from", "now-10m");
        rule.set("alert_suppression", DetectionFixtures.parse(suppression));
        return rule;
    }

    private void execute(String space, ObjectNode rule) {
        RuleRunner.Outcome outcome = runner.scheduled(space, rule, Instant.now(), null)
                .await().atMost(Duration.ofSeconds(60));
        assertEquals("succeeded", outcome.status());
    }

    /** What the rule's executions published, in order: its new alerts, and updates of those alerts. */
    private static List<Published> published(ObjectNode rule, int atLeast) {
        String ruleId = rule.get("id").asText();
        List<Published> found = new ArrayList<>();
        Set<String> alertIds = new java.util.HashSet<>();
        DetectionFixtures.collect(Topics.ALERTS, record -> true, records -> {
            found.clear();
            alertIds.clear();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = DetectionFixtures.parse(record.value());
                String type = new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(),
                        StandardCharsets.UTF_8);
                boolean ours = EventTypes.ALERT_CREATED.equals(type)
                        ? ruleId.equals(event.path("document").path("kibana.alert.rule.uuid").asText())
                        : alertIds.contains(record.key());
                if (ours) {
                    alertIds.add(record.key());
                    found.add(new Published(type, record.key(), event.path("document")));
                }
            }
            return found.size() >= atLeast;
        }, Duration.ofSeconds(10));
        return found;
    }

    private static List<Published> ofType(List<Published> published, String type) {
        return published.stream().filter(record -> record.type().equals(type)).toList();
    }

    /** The one alert created besides those already known (records of different alerts come in no set order). */
    private static JsonNode newAlert(List<Published> published, Set<String> known) {
        List<JsonNode> created = published.stream().filter(record -> EventTypes.ALERT_CREATED.equals(record.type()))
                .filter(record -> !known.contains(record.id())).map(Published::document).toList();
        assertEquals(1, created.size(), () -> "published: " + published);
        return created.get(0);
    }

    private static JsonNode onHost(List<Published> created, String host) {
        return created.stream().map(Published::document)
                .filter(alert -> host.equals(alert.path("host").path("name").asText())).findFirst().orElseThrow();
    }

    @Test
    void perExecutionOneAlertPerGroupAndAnOverlappingExecutionCountsNothingTwice() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        indexEvent(index, now.minusSeconds(50), "root", "web-01");
        indexEvent(index, now.minusSeconds(40), "root", "web-01");
        indexEvent(index, now.minusSeconds(30), "root", "web-01");
        indexEvent(index, now.minusSeconds(20), "root", "web-02");
        indexEvent(index, now.minusSeconds(10), "bob", "web-01");
        ObjectNode rule = rule(index, "{\"group_by\":[\"host.name\"]}");
        String ruleId = rule.get("id").asText();

        execute(space, rule);
        List<Published> first = published(rule, 2);
        assertEquals(2, first.size(), () -> "published: " + first);
        assertTrue(ofType(first, EventTypes.ALERT_SUPPRESSION_UPDATED).isEmpty());
        JsonNode web01 = onHost(first, "web-01");
        assertEquals(2, web01.path("kibana.alert.suppression.docs_count").asLong());
        assertEquals("[{\"field\":\"host.name\",\"value\":\"web-01\"}]", web01.path("kibana.alert.suppression.terms").toString());
        assertEquals(Timestamps.of(now.minusSeconds(50)), web01.path("kibana.alert.suppression.start").asText());
        assertEquals(Timestamps.of(now.minusSeconds(30)), web01.path("kibana.alert.suppression.end").asText());
        assertEquals(Timestamps.of(now.minusSeconds(50)), web01.path("kibana.alert.original_time").asText());
        assertEquals(AlertIds.objectHash(web01.get("kibana.alert.suppression.terms"), JSON.getNodeFactory().textNode(ruleId),
                JSON.getNodeFactory().textNode(space)), web01.path("kibana.alert.instance.id").asText());
        assertEquals(0, onHost(first, "web-02").path("kibana.alert.suppression.docs_count").asLong());

        // the same look-back again: every event is already counted by an alert
        execute(space, rule);
        assertEquals(2, published(rule, 3).size());

        // a new event of web-01: a new execution, a new alert of its own
        indexEvent(index, Instant.now().minusSeconds(1), "root", "web-01");
        execute(space, rule);
        List<Published> third = published(rule, 3);
        assertEquals(3, third.size(), () -> "published: " + third);
        Set<String> earlier = new java.util.HashSet<>();
        first.forEach(record -> earlier.add(record.id()));
        JsonNode newest = newAlert(third, earlier);
        assertEquals(0, newest.path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(web01.path("kibana.alert.instance.id"), newest.path("kibana.alert.instance.id"));
    }

    @Test
    void aTimeWindowUpdatesTheOpenAlertAndClosingItStartsANewOne() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        indexEvent(index, now.minusSeconds(60), "root", "web-01");
        indexEvent(index, now.minusSeconds(50), "root", "web-01");
        ObjectNode rule = rule(index, "{\"group_by\":[\"host.name\"],\"duration\":{\"value\":1,\"unit\":\"h\"}}");

        execute(space, rule);
        List<Published> first = published(rule, 1);
        assertEquals(1, first.size(), () -> "published: " + first);
        JsonNode alert = first.get(0).document();
        String alertId = first.get(0).id();
        assertEquals(alertId, alert.path("kibana.alert.uuid").asText());
        assertEquals(1, alert.path("kibana.alert.suppression.docs_count").asLong());

        // two more events of the group within the hour: the open alert is updated, none is created
        indexEvent(index, now.minusSeconds(20), "root", "web-01");
        Instant newest = Instant.now().minusSeconds(1);
        indexEvent(index, newest, "root", "web-01");
        execute(space, rule);
        List<Published> second = published(rule, 2);
        assertEquals(1, ofType(second, EventTypes.ALERT_CREATED).size(), () -> "published: " + second);
        List<Published> updates = ofType(second, EventTypes.ALERT_SUPPRESSION_UPDATED);
        assertEquals(1, updates.size(), () -> "published: " + second);
        JsonNode update = updates.get(0).document();
        assertEquals(alertId, updates.get(0).id());
        assertEquals(3, update.path("kibana.alert.suppression.docs_count").asLong(), "1 + the 2 new events");
        assertEquals(Timestamps.of(newest), update.path("kibana.alert.suppression.end").asText());
        assertFalse(update.path("kibana.alert.last_detected").asText().isEmpty());
        assertFalse(update.has("kibana.alert.rule.uuid"), "an update sets only the suppression fields");

        // the analyst closes the alert: the group ends, the next event makes a new alert
        AlertChange closed = new AlertChange(space, alertId, UUID.randomUUID().toString(), "elastic",
                Timestamps.now(), List.of(new AlertChange.FieldChange("kibana.alert.workflow_status",
                JSON.getNodeFactory().textNode("open"), JSON.getNodeFactory().textNode("closed"))));
        DetectionFixtures.send(Topics.ALERT_CHANGES, alertId, EventTypes.ALERT_STATUS_CHANGED, closed);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                        "SELECT count(*) AS open FROM suppression_group WHERE alert_id = $1")
                .execute(Tuple.of(alertId)).await().indefinitely().iterator().next().getLong("open") == 0);
        Instant after = Instant.now();
        indexEvent(index, after, "root", "web-01");
        execute(space, rule);
        List<Published> third = published(rule, 3);
        List<Published> created = ofType(third, EventTypes.ALERT_CREATED);
        assertEquals(2, created.size(), () -> "published: " + third);
        assertEquals(1, ofType(third, EventTypes.ALERT_SUPPRESSION_UPDATED).size());
        JsonNode reopened = newAlert(created, Set.of(alertId));
        // as in Kibana, a closed alert no longer holds back the events it counted: the look-back's five make the new one
        assertEquals(4, reopened.path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(Timestamps.of(now.minusSeconds(60)), reopened.path("kibana.alert.suppression.start").asText());
        assertEquals(Timestamps.of(after), reopened.path("kibana.alert.suppression.end").asText());
    }

    @Test
    void aThresholdRuleInATimeWindowUpdatesItsBucketsAlertInsteadOfRaisingAnother() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            indexEvent(index, now.minusSeconds(60 - i), "root", "web-01");
        }
        ObjectNode rule = rule(index, "{\"duration\":{\"value\":1,\"unit\":\"h\"}}");
        rule.put("type", "threshold");
        ObjectNode threshold = rule.putObject("threshold");
        threshold.putArray("field").add("host.name");
        threshold.put("value", 3);

        execute(space, rule);
        List<Published> first = published(rule, 1);
        assertEquals(1, first.size(), () -> "published: " + first);
        assertEquals(0, first.get(0).document().path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(Timestamps.of(now.minusSeconds(60)), first.get(0).document().path("kibana.alert.suppression.start").asText());

        // three more logins: the bucket reaches the threshold again, within the hour
        for (int i = 0; i < 3; i++) {
            indexEvent(index, now.minusSeconds(10 - i), "root", "web-01");
        }
        execute(space, rule);
        List<Published> second = published(rule, 2);
        assertEquals(1, ofType(second, EventTypes.ALERT_CREATED).size(), () -> "published: " + second);
        Published update = ofType(second, EventTypes.ALERT_SUPPRESSION_UPDATED).get(0);
        assertEquals(first.get(0).id(), update.id());
        assertEquals(1, update.document().path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(Timestamps.of(now.minusSeconds(8)), update.document().path("kibana.alert.suppression.end").asText());
    }

    @Test
    void esqlRowsAreSuppressedByTheirColumns() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        indexEvent(index, now.minusSeconds(30), "root", "web-01");
        indexEvent(index, now.minusSeconds(20), "root", "web-01");
        indexEvent(index, now.minusSeconds(10), "root", "web-02");
        ObjectNode rule = rule(index, "{\"group_by\":[\"host.name\"]}");
        rule.put("type", "esql").put("language", "esql")
                .put("query", "FROM " + index + " METADATA _id, _index, _version | WHERE user.name == \"root\"");
        rule.remove("index");

        execute(space, rule);
        List<Published> created = published(rule, 2);
        assertEquals(2, created.size(), () -> "published: " + created);
        assertEquals(1, onHost(created, "web-01").path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(0, onHost(created, "web-02").path("kibana.alert.suppression.docs_count").asLong());
    }

    @Test
    void eqlSequencesOfOneHostBecomeOneShellWithItsBuildingBlocks() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        indexEvent(index, now.minusSeconds(50), "bob", "web-01");
        indexEvent(index, now.minusSeconds(45), "root", "web-01");
        indexEvent(index, now.minusSeconds(30), "bob", "web-01");
        indexEvent(index, now.minusSeconds(25), "root", "web-01");
        ObjectNode rule = rule(index, "{\"group_by\":[\"host.name\"]}");
        rule.put("type", "eql").put("language", "eql").put("query", """
                sequence with maxspan=10s
                  [authentication where user.name == "bob"]
                  [authentication where user.name == "root"]""");

        execute(space, rule);
        List<Published> created = published(rule, 3);
        assertEquals(3, created.size(), () -> "one shell and its two building blocks: " + created);
        JsonNode shell = created.stream().map(Published::document)
                .filter(alert -> !alert.has("kibana.alert.building_block_type")).findFirst().orElseThrow();
        assertEquals(1, shell.path("kibana.alert.suppression.docs_count").asLong());
        assertEquals(Timestamps.of(now.minusSeconds(50)), shell.path("kibana.alert.suppression.start").asText());
        assertEquals(Timestamps.of(now.minusSeconds(25)), shell.path("kibana.alert.suppression.end").asText());
        created.forEach(record -> assertEquals(shell.path("kibana.alert.uuid").asText(),
                record.document().path("kibana.alert.group.id").asText()));
    }

    @Test
    void doNotSuppressMakesOrdinaryAlertsOfEventsMissingAField() {
        String space = ServiceApi.newSpace();
        String index = newIndex("auth");
        Instant now = Instant.now();
        List<String> hostless = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode event = JSON.createObjectNode();
            event.put("@timestamp", now.minusSeconds(40 - i).toString());
            event.putObject("event").put("kind", "event").put("category", "authentication");
            event.putObject("user").put("name", "root");
            hostless.add(DetectionFixtures.index(index, event));
        }
        indexEvent(index, now.minusSeconds(30), "root", "web-01");
        indexEvent(index, now.minusSeconds(20), "root", "web-01");
        ObjectNode rule = rule(index, "{\"group_by\":[\"host.name\"],\"missing_fields_strategy\":\"doNotSuppress\"}");
        String ruleId = rule.get("id").asText();

        execute(space, rule);
        List<Published> created = published(rule, 3);
        assertEquals(3, created.size(), () -> "published: " + created);
        Set<String> ids = new java.util.HashSet<>();
        created.forEach(record -> ids.add(record.id()));
        for (String event : hostless) {
            String id = AlertIds.forEvent(index, event, "1", space, ruleId);
            assertTrue(ids.contains(id), "an ordinary alert of the event without host.name");
            JsonNode alert = created.stream().filter(record -> record.id().equals(id)).findFirst().orElseThrow().document();
            assertFalse(alert.has("kibana.alert.suppression.docs_count"));
        }
        assertEquals(1, onHost(created, "web-01").path("kibana.alert.suppression.docs_count").asLong());
    }
}
