package io.opendetection.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.CloudEventHeaders;
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

/**
 * What a service's API tests do alike: call the service as a user of one space, read JSON
 * answers, check Kibana's two error envelopes and the events the service published.
 */
public final class ServiceApi {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** Kibana's timestamps: ISO-8601 in UTC with milliseconds. */
    public static final String TIMESTAMP_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private ServiceApi() {
    }

    /** A space of its own for one test, so tests never see each other's data. */
    public static String newSpace() {
        return "space-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON request as {@code user}, with the superuser role, in {@code space}. */
    public static RequestSpecification in(String user, String space) {
        return given().header("Authorization", TestTokens.bearer(user, Set.of("superuser"), space))
                .contentType(ContentType.JSON);
    }

    /** As {@link #in(String, String)}, the token also carrying the caller's index privileges (layers of entries). */
    public static RequestSpecification in(String user, String space,
                                          java.util.List<java.util.List<java.util.Map<String, Object>>> indexPrivileges) {
        return given().header("Authorization", TestTokens.bearer(user, Set.of("superuser"), space, indexPrivileges))
                .contentType(ContentType.JSON);
    }

    public static ObjectNode json(Response response) {
        return (ObjectNode) parse(response.asString());
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isUuid(String value) {
        return value != null && value.matches(UUID_PATTERN);
    }

    /** Kibana's platform envelope with a 400: {@code {"statusCode":400,"error":"Bad Request","message":...}}. */
    public static void assertPlatformError(Response response, String message) {
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(parse("{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":" + quote(message) + "}"),
                json(response));
    }

    /** Kibana's Security Solution envelope: {@code {"message":...,"status_code":status}}. */
    public static void assertSiemError(Response response, int status, String message) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(parse("{\"message\":" + quote(message) + ",\"status_code\":" + status + "}"), json(response));
    }

    /** The record published with this key, waiting for it if need be. */
    public static ConsumerRecord<String, String> published(String topic, String key) {
        return KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), topic,
                        record -> key.equals(record.key()), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no record with key " + key + " on " + topic));
    }

    public static void assertCloudEvent(ConsumerRecord<String, String> record, String type, String subject,
                                        String source) {
        assertEquals(type, KafkaProbe.header(record, CloudEventHeaders.TYPE));
        assertEquals(subject, KafkaProbe.header(record, CloudEventHeaders.SUBJECT));
        assertEquals(source, KafkaProbe.header(record, CloudEventHeaders.SOURCE));
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }
}
