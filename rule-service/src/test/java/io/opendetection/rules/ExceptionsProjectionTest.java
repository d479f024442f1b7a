package io.opendetection.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.ExceptionItemChange;
import io.opendetection.contracts.events.ExceptionListChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rule-service's projection of exceptions follows detection.exceptions.v1 as exceptions-service
 * publishes it (the records here are built with the same contracts); the end-to-end path through
 * the gateway is proven in e2e.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,kafka,elasticsearch"))
class ExceptionsProjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsAndItemsArriveAndTombstonesRemoveThem() throws Exception {
        UUID listId = UUID.randomUUID();
        UUID itemId = UUID.randomUUID();
        ObjectNode list = JSON.createObjectNode().put("id", listId.toString()).put("list_id", "allow-admins")
                .put("namespace_type", "single").put("type", "detection").put("name", "Allow admins");
        ObjectNode item = JSON.createObjectNode().put("id", itemId.toString()).put("item_id", "admin-host")
                .put("list_id", "allow-admins").put("name", "admin host").put("created_at", "2026-01-01T00:00:00.000Z");
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, listId, EventTypes.EXCEPTION_LIST_CREATED, new ExceptionListChange("default", list));
            send(producer, itemId, EventTypes.EXCEPTION_ITEM_CREATED,
                    new ExceptionItemChange("default", listId.toString(), item));
        }
        String path = "/internal/exception-lists/" + listId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get(path).then().statusCode(200)
                        .body("list.list_id", equalTo("allow-admins"))
                        .body("items.size()", equalTo(1))
                        .body("items[0].item_id", equalTo("admin-host")));

        // single lists are invisible from another space
        given().header("Authorization", TestTokens.bearer("elastic", Set.of("superuser"), "elsewhere"))
                .get(path).then().statusCode(404);

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, itemId, EventTypes.EXCEPTION_ITEM_DELETED, null);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get(path).then().statusCode(200)
                        .body("items.size()", equalTo(0)));

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, listId, EventTypes.EXCEPTION_LIST_DELETED, null);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get(path).then().statusCode(404));
    }

    @Test
    void aReplayedOlderRecordDoesNotUndoALaterChange() throws Exception {
        UUID listId = UUID.randomUUID();
        UUID itemId = UUID.randomUUID();
        ObjectNode list = JSON.createObjectNode().put("id", listId.toString()).put("list_id", "replayed")
                .put("_version", version(0)).put("name", "Replayed");
        ObjectNode first = item(itemId, 0, "first name");
        ObjectNode second = item(itemId, 1, "second name");
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, listId, EventTypes.EXCEPTION_LIST_CREATED, new ExceptionListChange("default", list));
            send(producer, itemId, EventTypes.EXCEPTION_ITEM_CREATED,
                    new ExceptionItemChange("default", listId.toString(), first));
            send(producer, itemId, EventTypes.EXCEPTION_ITEM_UPDATED,
                    new ExceptionItemChange("default", listId.toString(), second));
            // at-least-once delivery: the creation comes again, after the update
            int itemPartition = send(producer, itemId, EventTypes.EXCEPTION_ITEM_CREATED,
                    new ExceptionItemChange("default", listId.toString(), first));
            send(producer, listId, EventTypes.EXCEPTION_LIST_UPDATED,
                    new ExceptionListChange("default", list.deepCopy().put("_version", version(1)).put("name", "Renamed")));
            int listPartition = send(producer, listId, EventTypes.EXCEPTION_LIST_CREATED,
                    new ExceptionListChange("default", list));
            // markers behind the replays on their partitions: once they are applied, so are the replays
            for (int partition : new int[] {itemPartition, listPartition}) {
                UUID marker = UUID.randomUUID();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.EXCEPTIONS, partition,
                        marker.toString(), JSON.writeValueAsString(new ExceptionItemChange("default",
                        listId.toString(), item(marker, 0, "marker"))));
                record.headers().add(CloudEventHeaders.TYPE,
                        EventTypes.EXCEPTION_ITEM_CREATED.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        String path = "/internal/exception-lists/" + listId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get(path).then().statusCode(200)
                        .body("items.size()", equalTo(3)));
        given().header("Authorization", TestTokens.admin()).get(path).then().statusCode(200)
                .body("list.name", equalTo("Renamed"))
                .body("items.find { it.id == '" + itemId + "' }.name", equalTo("second name"));
    }

    @Test
    void theEndpointListAndItsItemsAreSkippedAndWhatFollowsIsApplied() throws Exception {
        ObjectNode endpointList = JSON.createObjectNode().put("id", "endpoint_list").put("list_id", "endpoint_list")
                .put("namespace_type", "agnostic").put("type", "endpoint");
        UUID endpointItem = UUID.randomUUID();
        UUID listId = UUID.randomUUID();
        ObjectNode list = JSON.createObjectNode().put("id", listId.toString()).put("list_id", "after-endpoint")
                .put("name", "After the endpoint list");
        try (KafkaProducer<String, String> producer = producer()) {
            // the endpoint list's id is not a UUID: its records, then another list's, on one partition
            ProducerRecord<String, String> listRecord = new ProducerRecord<>(Topics.EXCEPTIONS, 0, "endpoint_list",
                    JSON.writeValueAsString(new ExceptionListChange(null, endpointList)));
            listRecord.headers().add(CloudEventHeaders.TYPE,
                    EventTypes.EXCEPTION_LIST_CREATED.getBytes(StandardCharsets.UTF_8));
            producer.send(listRecord).get();
            ProducerRecord<String, String> itemRecord = new ProducerRecord<>(Topics.EXCEPTIONS, 0,
                    endpointItem.toString(), JSON.writeValueAsString(new ExceptionItemChange(null, "endpoint_list",
                    item(endpointItem, 0, "endpoint item"))));
            itemRecord.headers().add(CloudEventHeaders.TYPE,
                    EventTypes.EXCEPTION_ITEM_CREATED.getBytes(StandardCharsets.UTF_8));
            producer.send(itemRecord).get();
            ProducerRecord<String, String> after = new ProducerRecord<>(Topics.EXCEPTIONS, 0, listId.toString(),
                    JSON.writeValueAsString(new ExceptionListChange("default", list)));
            after.headers().add(CloudEventHeaders.TYPE, EventTypes.EXCEPTION_LIST_CREATED.getBytes(StandardCharsets.UTF_8));
            producer.send(after).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.admin()).get("/internal/exception-lists/" + listId).then()
                        .statusCode(200).body("list.list_id", equalTo("after-endpoint")));
        // skipped, not failed: neither record went to the dead-letter topic
        assertTrue(KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), Topics.EXCEPTIONS + ".dlq",
                record -> "endpoint_list".equals(record.key()) || endpointItem.toString().equals(record.key()),
                Duration.ofSeconds(5)).isEmpty());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() throws Exception {
        UUID garbled = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            // one partition, so the three records are polled together, in this order
            for (ProducerRecord<String, String> record : java.util.List.of(
                    listRecord(before, "before-garbled"),
                    new ProducerRecord<>(Topics.EXCEPTIONS, 0, garbled.toString(), "{not json"),
                    listRecord(after, "after-garbled"))) {
                record.headers().add(CloudEventHeaders.TYPE,
                        EventTypes.EXCEPTION_LIST_CREATED.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        for (UUID listId : new UUID[] {before, after}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", TestTokens.admin()).get("/internal/exception-lists/" + listId)
                            .then().statusCode(200));
        }
        var deadLetter = KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), Topics.EXCEPTIONS + ".dlq",
                record -> garbled.toString().equals(record.key()), Duration.ofSeconds(30));
        assertTrue(deadLetter.isPresent());
        assertEquals("{not json", deadLetter.get().value());
        assertEquals("not a readable exception event", new String(
                deadLetter.get().headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
    }

    private static ProducerRecord<String, String> listRecord(UUID id, String listId) throws Exception {
        ObjectNode list = JSON.createObjectNode().put("id", id.toString()).put("list_id", listId).put("name", listId);
        return new ProducerRecord<>(Topics.EXCEPTIONS, 0, id.toString(),
                JSON.writeValueAsString(new ExceptionListChange("default", list)));
    }

    private static ObjectNode item(UUID id, int revision, String name) {
        return JSON.createObjectNode().put("id", id.toString()).put("item_id", id.toString()).put("name", name)
                .put("_version", version(revision)).put("created_at", "2026-01-01T00:00:0" + revision + ".000Z");
    }

    private static String version(int revision) {
        return java.util.Base64.getEncoder().encodeToString(("[" + revision + ",1]").getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestEndpoints.current().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    /** Sends a record; returns the partition it went to. */
    private static int send(KafkaProducer<String, String> producer, UUID key, String type, Object payload)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.EXCEPTIONS, key.toString(),
                payload == null ? null : JSON.writeValueAsString(payload));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return producer.send(record).get().partition();
    }
}
