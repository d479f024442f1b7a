package io.opendetection.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.testkit.ServiceApi;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the alert-service tests do alike: search a space's alerts, wait for the ingest. */
public final class AlertsTestSupport {
    private AlertsTestSupport() {
    }

    public static Response post(String space, String path, String body) {
        return ServiceApi.in("analyst", space).body(body).post("/api/detection_engine/signals/" + path);
    }

    public static JsonNode search(String space, String body) {
        Response response = post(space, "search", body);
        assertEquals(200, response.statusCode(), response.asString());
        return ServiceApi.json(response);
    }

    /** Every alert of the space, by id. */
    public static JsonNode alerts(String space) {
        return search(space, "{\"size\":10000,\"query\":{\"match_all\":{}},\"sort\":[\"kibana.alert.uuid\"]}")
                .path("hits").path("hits");
    }

    public static JsonNode source(String space, String id) {
        for (JsonNode hit : alerts(space)) {
            if (hit.path("_id").asText().equals(id)) {
                return hit.path("_source");
            }
        }
        throw new AssertionError("no alert " + id + " in " + space);
    }

    /** Waits until the ingest wrote exactly {@code count} alerts into the space (searchable after a refresh). */
    public static void awaitAlerts(String space, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(count,
                search(space, "{\"size\":0,\"track_total_hits\":true}").at("/hits/total/value").asInt()));
    }

    public static String ids(List<String> ids) {
        return ServiceApi.JSON.valueToTree(ids).toString();
    }
}
