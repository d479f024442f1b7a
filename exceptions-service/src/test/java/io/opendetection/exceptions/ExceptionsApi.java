package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.ServiceApi;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static io.opendetection.testkit.ServiceApi.TIMESTAMP_PATTERN;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls to exceptions-service as an analyst of one space, and what every answer of it must look like. */
final class ExceptionsApi {
    static final String USER = "analyst";

    private ExceptionsApi() {
    }

    static RequestSpecification in(String space) {
        return ServiceApi.in(USER, space);
    }

    static Response post(String space, String path, String body) {
        return in(space).body(body).post(path);
    }

    /** A multipart upload of {@code content} as the field {@code file}, as Kibana's import routes take it. */
    static Response upload(String space, String path, String fileName, String content) {
        return io.restassured.RestAssured.given()
                .header("Authorization", io.opendetection.testkit.TestTokens.bearer(USER, java.util.Set.of("superuser"), space))
                .multiPart("file", fileName, content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/octet-stream")
                .post(path);
    }

    static Response put(String space, String path, String body) {
        return in(space).body(body).put(path);
    }

    /** Creates what {@code body} describes at {@code path}, failing the test unless it is a 200. */
    static ObjectNode created(String space, String path, String body) {
        Response response = post(space, path, body);
        assertEquals(200, response.statusCode(), response.asString());
        return ServiceApi.json(response);
    }

    /** The body without the fields the server generates; checks those look as Kibana's do. */
    static ObjectNode withoutGenerated(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        assertTrue(isUuid(copy.remove("id").asText()), "id is a UUID");
        assertTrue(isUuid(copy.remove("tie_breaker_id").asText()), "tie_breaker_id is a UUID");
        assertTrue(copy.remove("created_at").asText().matches(TIMESTAMP_PATTERN), "created_at has milliseconds");
        assertTrue(copy.remove("updated_at").asText().matches(TIMESTAMP_PATTERN), "updated_at has milliseconds");
        assertEquals("WzAsMV0=", copy.remove("_version").asText());
        return copy;
    }

    static void assertCloudEvent(ConsumerRecord<String, String> record, String type, String subject) {
        ServiceApi.assertCloudEvent(record, type, subject, "/exceptions-service");
    }
}
