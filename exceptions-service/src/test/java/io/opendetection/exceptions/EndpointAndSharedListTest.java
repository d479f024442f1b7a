package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.opendetection.exceptions.ExceptionsApi.created;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.exceptions.ExceptionsApi.post;
import static io.opendetection.exceptions.ExceptionsApi.put;
import static io.opendetection.exceptions.ExceptionsApi.withoutGenerated;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint list (one, agnostic: the tests run in order, as its life does: missing, created,
 * used) and shared lists.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointAndSharedListTest {
    private static final String ENDPOINT_ITEMS = "/api/endpoint_list/items";

    @Test
    @Order(1)
    void beforeTheEndpointListExistsItsFindIsANotFound() {
        // other test classes may have created it in this database: only then is this skipped
        Response find = in(newSpace()).get(ENDPOINT_ITEMS + "/_find");
        if (find.statusCode() == 404) {
            assertSiemError(find, 404, "list id: \"endpoint_list\" does not exist");
        }
    }

    @Test
    @Order(2)
    void theEndpointListIsCreatedOnceThenAnsweredEmpty() {
        Response first = in(newSpace()).post("/api/endpoint_list");
        Response second = in(newSpace()).post("/api/endpoint_list");

        assertEquals(200, second.statusCode(), second.asString());
        assertEquals(parse("{}"), json(second));
        if (!json(first).isEmpty()) {
            assertEquals(parse("""
                    {"created_by":"analyst","description":"Endpoint Security Exception List","immutable":false,
                     "list_id":"endpoint_list","name":"Endpoint Security Exception List","namespace_type":"agnostic",
                     "os_types":[],"tags":[],"type":"endpoint","updated_by":"analyst","version":1}"""),
                    withoutGenerated(json(first)));
        }
        Response read = in(newSpace()).queryParam("list_id", "endpoint_list").queryParam("namespace_type", "agnostic")
                .get("/api/exception_lists");
        assertEquals(200, read.statusCode(), read.asString());
    }

    @Test
    @Order(3)
    void endpointItemsAreAgnosticItemsOfTheEndpointList() {
        String itemId = "endpoint-" + newSpace();
        ObjectNode item = created(newSpace(), ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"Trusted updater","description":"d","type":"simple","os_types":["windows"],
                 "entries":[{"field":"process.executable","operator":"included","type":"match","value":"C:\\\\updater.exe"}]}"""
                .formatted(itemId));
        assertEquals("endpoint_list", item.get("list_id").asText());
        assertEquals("agnostic", item.get("namespace_type").asText());

        String elsewhere = newSpace();
        assertEquals(item, json(in(elsewhere).queryParam("item_id", itemId).get(ENDPOINT_ITEMS)));
        assertSiemError(post(elsewhere, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple","entries":[]}""".formatted(itemId)), 409,
                "exception list item id: \"" + itemId + "\" already exists");
        ObjectNode updated = json(put(elsewhere, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"Renamed","description":"d","type":"simple","entries":[]}""".formatted(itemId)));
        assertEquals("Renamed", updated.get("name").asText());
        ObjectNode found = json(in(elsewhere).queryParam("filter", "exception-list-agnostic.attributes.item_id: " + itemId)
                .get(ENDPOINT_ITEMS + "/_find"));
        assertEquals(1, found.get("total").asInt(), found.toString());
        assertEquals(200, in(elsewhere).queryParam("item_id", itemId).delete(ENDPOINT_ITEMS).statusCode());
        assertSiemError(in(elsewhere).queryParam("item_id", itemId).get(ENDPOINT_ITEMS), 404,
                "exception list item item_id: \"" + itemId + "\" does not exist");
        assertSiemError(in(elsewhere).get(ENDPOINT_ITEMS), 400, "id or item_id required");
    }

    @Test
    void aSharedListIsADetectionListOfThisSpace() {
        String space = newSpace();
        ObjectNode shared = created(space, "/api/exceptions/shared", """
                {"name":"Shared with rules","description":"Used by several rules"}""");

        assertTrue(isUuid(shared.get("list_id").asText()));
        assertEquals("detection", shared.get("type").asText());
        assertEquals("single", shared.get("namespace_type").asText());
        assertEquals(200, in(space).queryParam("id", shared.get("id").asText()).get("/api/exception_lists").statusCode());
        assertPlatformError(post(space, "/api/exceptions/shared", "{}"),
                "[request body]: description: Required, name: Required");
    }
}
