package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.TestEndpoints;
import io.opendetection.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls to the service as a user of one space, and what the tests check in every answer. */
final class ExceptionsApi {
    static final String USER = "analyst";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String TIMESTAMP_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private ExceptionsApi() {
    }

    /** A space of its own for one test, so tests never see each other's lists. */
    static String newSpace() {
        return "space-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification in(String space) {
        return given().header("Authorization", TestTokens.bearer(USER, Set.of("superuser"), space))
                .contentType(ContentType.JSON);
    }

    static Response post(String space, String path, String body) {
        return in(space).body(body).post(path);
    }

    static ObjectNode json(Response response) {
        return (ObjectNode) parse(response.asString());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body without the fields the server generates; checks those look as Kibana's do. */
    static ObjectNode withoutGenerated(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        assertTrue(copy.remove("id").asText().matches(UUID_PATTERN), "id is a UUID");
        assertTrue(copy.remove("tie_breaker_id").asText().matches(UUID_PATTERN), "tie_breaker_id is a UUID");
        assertTrue(copy.remove("created_at").asText().matches(TIMESTAMP_PATTERN), "created_at has milliseconds");
        assertTrue(copy.remove("updated_at").asText().matches(TIMESTAMP_PATTERN), "updated_at has milliseconds");
        assertEquals("WzAsMV0=", copy.remove("_version").asText());
        return copy;
    }

    static boolean isUuid(String value) {
        return value != null && value.matches(UUID_PATTERN);
    }

    static void assertPlatformError(Response response, String message) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(parse("{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":" + quote(message) + "}"),
                json(response));
    }

    static void assertSiemError(Response response, int status, String message) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(parse("{\"message\":" + quote(message) + ",\"status_code\":" + status + "}"), json(response));
    }

    /** The record the service published with this key, waiting for it if need be. */
    static ConsumerRecord<String, String> published(String topic, String key) {
        return KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), topic,
                        record -> key.equals(record.key()), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no record with key " + key + " on " + topic));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaProbe.header(record, name);
    }

    static void assertCloudEvent(ConsumerRecord<String, String> record, String type, String subject) {
        assertEquals(type, header(record, CloudEventHeaders.TYPE));
        assertEquals(subject, header(record, CloudEventHeaders.SUBJECT));
        assertEquals("/exceptions-service", header(record, CloudEventHeaders.SOURCE));
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }
}
