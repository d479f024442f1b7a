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
    void theEndpointListIsCreatedOnceWithKibanasFixedIdThenAnsweredEmpty() {
        Response first = in(newSpace()).post("/api/endpoint_list");
        Response second = in(newSpace()).post("/api/endpoint_list");

        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(200, second.statusCode(), second.asString());
        assertEquals(parse("{}"), json(second));
        // other test classes may have created it in this database: only then is the first answer {} too
        if (!json(first).isEmpty()) {
            ObjectNode list = json(first);
            assertEquals("endpoint_list", list.remove("id").asText());
            list.put("id", "00000000-0000-0000-0000-000000000000");
            assertEquals(parse("""
                    {"created_by":"analyst","description":"Endpoint Security Exception List","immutable":false,
                     "list_id":"endpoint_list","name":"Endpoint Security Exception List","namespace_type":"agnostic",
                     "os_types":[],"tags":[],"type":"endpoint","updated_by":"analyst","version":1}"""),
                    withoutGenerated(list));
        }
        // prebuilt rules name it {"id":"endpoint_list","list_id":"endpoint_list","namespace_type":"agnostic",...}
        ObjectNode byId = json(in(newSpace()).queryParam("id", "endpoint_list").queryParam("namespace_type", "agnostic")
                .get("/api/exception_lists"));
        assertEquals("endpoint_list", byId.get("id").asText());
        assertEquals("endpoint_list", byId.get("list_id").asText());
    }

    @Test
    @Order(2)
    void findingItsItemsCreatesTheListFirstAsKibanaDoes() {
        Response find = in(newSpace()).get(ENDPOINT_ITEMS + "/_find");

        assertEquals(200, find.statusCode(), find.asString());
        assertEquals(1, json(find).get("page").asInt());
        assertEquals(200, in(newSpace()).queryParam("list_id", "endpoint_list").queryParam("namespace_type", "agnostic")
                .get("/api/exception_lists").statusCode());
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
        assertSiemError(put(elsewhere, ENDPOINT_ITEMS, """
                {"item_id":"missing-%s","name":"n","description":"d","type":"simple","entries":[]}""".formatted(itemId)),
                404, "list item item_id: \"missing-" + itemId + "\" not found");
        assertEquals(200, in(elsewhere).queryParam("item_id", itemId).delete(ENDPOINT_ITEMS).statusCode());
        assertSiemError(in(elsewhere).queryParam("item_id", itemId).get(ENDPOINT_ITEMS), 404,
                "exception list item item_id: \"" + itemId + "\" does not exist");
        assertSiemError(in(elsewhere).get(ENDPOINT_ITEMS), 400, "id or item_id required");
    }

    @Test
    @Order(4)
    void endpointItemsTakeMatchesWildcardsAndNestedMatchesOnly() {
        String space = newSpace();
        String itemId = "endpoint-rules-" + space;
        Response exists = post(space, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[{"field":"host.name","operator":"included","type":"exists"}]}""".formatted(itemId));
        Response excluded = post(space, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[{"field":"host.name","operator":"excluded","type":"wildcard","value":"ci-*"}]}"""
                .formatted(itemId));
        Response managedField = post(space, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[{"field":"process.entity_id","operator":"included","type":"match","value":"x"}]}"""
                .formatted(itemId));

        assertEquals(400, exists.statusCode(), exists.asString());
        assertEquals(parse("""
                {"message":["Invalid value \\"exists\\" supplied to \\"type\\"",
                            "Invalid value \\"undefined\\" supplied to \\"value\\"",
                            "Invalid value \\"undefined\\" supplied to \\"entries\\""],"status_code":400}"""),
                json(exists));
        assertEquals(400, excluded.statusCode(), excluded.asString());
        assertEquals("Invalid value \"excluded\" supplied to \"operator\"", json(excluded).get("message").get(0).asText());
        assertSiemError(managedField, 400, "cannot add endpoint exception item on field process.entity_id");
        assertEquals(404, in(space).queryParam("item_id", itemId).get(ENDPOINT_ITEMS).statusCode());

        ObjectNode allowed = created(space, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple","os_types":["windows"],
                 "entries":[{"field":"file.path","operator":"included","type":"wildcard","value":"C:\\\\tools\\\\*"},
                            {"entries":[{"field":"trusted","operator":"included","type":"match","value":"true"}],
                             "field":"file.Ext.code_signature","type":"nested"}]}""".formatted(itemId));
        assertEquals(2, allowed.get("entries").size());
        // an existing item_id is a conflict before the entries are looked at, as in Kibana
        assertSiemError(post(space, ENDPOINT_ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[{"field":"host.name","operator":"included","type":"exists"}]}""".formatted(itemId)), 409,
                "exception list item id: \"" + itemId + "\" already exists");
    }

    @Test
    void itemsOfAnyEndpointTypeListFollowTheEndpointRulesButDetectionListsDoNot() {
        String space = newSpace();
        created(space, "/api/exception_lists", """
                {"list_id":"endpoint-typed","name":"n","description":"d","type":"endpoint"}""");
        created(space, "/api/exception_lists", Fixtures.list("detection-typed"));
        String exists = """
                {"list_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[{"field":"host.name","operator":"included","type":"exists"}]}""";

        Response refused = post(space, "/api/exception_lists/items", exists.formatted("endpoint-typed"));

        assertEquals(400, refused.statusCode(), refused.asString());
        assertEquals("Invalid value \"exists\" supplied to \"type\"", json(refused).get("message").get(0).asText());
        created(space, "/api/exception_lists/items", exists.formatted("detection-typed"));
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
