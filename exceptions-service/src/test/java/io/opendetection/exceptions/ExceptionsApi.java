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
