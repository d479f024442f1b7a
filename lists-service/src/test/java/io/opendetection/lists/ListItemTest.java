package io.opendetection.lists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class ListItemTest {
    private static final String ITEMS = "/api/lists/items";

    /** A space with its storage and an ip list "some-list-id". */
    static String spaceWithList(String type) {
        String space = newSpace();
        assertEquals(200, in(space).post("/api/lists/index").statusCode());
        assertEquals(200, post(space, "/api/lists", """
                {"id":"some-list-id","name":"some name","description":"some description","type":"%s"}""".formatted(type))
                .statusCode());
        return space;
    }

    @Test
    void b138_anItemOfAMissingListIsNotFound() {
        String space = newSpace();
        assertEquals(200, in(space).post("/api/lists/index").statusCode());

        assertSiemError(post(space, ITEMS, """
                {"id":"some-list-item-id","list_id":"some-list-id","value":"127.0.0.1"}"""), 404,
                "list id: \"some-list-id\" does not exist");
    }

    @Test
    void b139_createsAnItemOfTheListsType() {
        String space = spaceWithList("ip");

        Response created = post(space, ITEMS, """
                {"id":"some-list-item-id","list_id":"some-list-id","value":"127.0.0.1"}""");

        assertEquals(200, created.statusCode(), created.asString());
        ObjectNode item = ListsApi.withoutGenerated(json(created));
        assertEquals(parse("""
                {"created_by":"analyst","list_id":"some-list-id","type":"ip","updated_by":"analyst","value":"127.0.0.1"}"""),
                item);
        assertEquals("some-list-item-id", json(created).get("id").asText());
    }

    @Test
    void b139_generatedIdAndDuplicateId() {
        String space = spaceWithList("ip");
        Response generated = post(space, ITEMS, "{\"list_id\":\"some-list-id\",\"value\":\"10.0.0.1\"}");
        assertEquals(200, post(space, ITEMS, """
                {"id":"some-list-item-id","list_id":"some-list-id","value":"127.0.0.1"}""").statusCode());

        assertTrue(isUuid(json(generated).get("id").asText()));
        assertSiemError(post(space, ITEMS, """
                {"id":"some-list-item-id","list_id":"some-list-id","value":"127.0.0.2"}"""), 409,
                "list item id: \"some-list-item-id\" already exists");
    }

    @Test
    void aValueNotOfTheListsTypeIsRefused() {
        String space = spaceWithList("ip");

        assertSiemError(post(space, ITEMS, "{\"list_id\":\"some-list-id\",\"value\":\"not-an-ip\"}"), 400,
                "\"not-an-ip\" is not a valid ip");
    }

    @Test
    void rejectsInvalidBodies() {
        assertPlatformError(post(newSpace(), ITEMS, "{\"value\":7,\"refresh\":\"now\"}"),
                "[request body]: list_id: Required, refresh: Invalid enum value. Expected 'true' | 'false' | 'wait_for',"
                        + " received 'now', value: Expected string, received number");
    }

    @Test
    void b141_readsByIdAndByValue() {
        String space = spaceWithList("ip");
        ObjectNode created = json(post(space, ITEMS, """
                {"id":"one","list_id":"some-list-id","value":"127.0.0.1"}"""));

        Response byId = in(space).queryParam("id", "one").get(ITEMS);
        Response byValue = in(space).queryParam("list_id", "some-list-id").queryParam("value", "127.0.0.1").get(ITEMS);

        assertEquals(created, json(byId));
        assertEquals(200, byValue.statusCode(), byValue.asString());
        assertEquals(created, parse(byValue.asString()).get(0));
        assertEquals(1, parse(byValue.asString()).size());
    }

    @Test
    void readingWhatIsNotThere() {
        String space = spaceWithList("ip");

        assertSiemError(in(space).queryParam("id", "nope").get(ITEMS), 404, "list item id: \"nope\" does not exist");
        assertSiemError(in(space).queryParam("list_id", "some-list-id").queryParam("value", "1.1.1.1").get(ITEMS), 404,
                "list_id: \"some-list-id\" item of 1.1.1.1 does not exist");
        assertSiemError(in(space).queryParam("list_id", "missing").queryParam("value", "1.1.1.1").get(ITEMS), 404,
                "list id: \"missing\" does not exist");
        assertSiemError(in(space).get(ITEMS), 400, "Either \"list_id\" or \"id\" needs to be defined in the request");
    }

    @Test
    void updatesAndPatchesAnItem() {
        String space = spaceWithList("ip");
        ObjectNode created = json(post(space, ITEMS, "{\"id\":\"one\",\"list_id\":\"some-list-id\",\"value\":\"127.0.0.1\"}"));

        Response put = in(space).body("{\"id\":\"one\",\"value\":\"10.0.0.2\",\"meta\":{\"a\":1}}").put(ITEMS);
        Response patch = in(space).body("{\"id\":\"one\",\"_version\":\"" + json(put).get("_version").asText()
                + "\",\"meta\":{\"b\":2}}").patch(ITEMS);

        assertEquals(200, put.statusCode(), put.asString());
        assertEquals("10.0.0.2", json(put).get("value").asText());
        assertNotEquals(created.get("_version"), json(put).get("_version"));
        assertEquals(200, patch.statusCode(), patch.asString());
        assertEquals("10.0.0.2", json(patch).get("value").asText());
        assertEquals(parse("{\"b\":2}"), json(patch).get("meta"));
        assertEquals(json(patch), json(in(space).queryParam("id", "one").get(ITEMS)));
    }

    @Test
    void changingWhatIsNotThereOrIsStale() {
        String space = spaceWithList("ip");
        post(space, ITEMS, "{\"id\":\"one\",\"list_id\":\"some-list-id\",\"value\":\"127.0.0.1\"}");

        assertSiemError(in(space).body("{\"id\":\"nope\",\"value\":\"10.0.0.2\"}").put(ITEMS), 404,
                "list item id: \"nope\" not found");
        assertEquals(409, in(space).body("{\"id\":\"one\",\"_version\":\"WzksMV0=\",\"value\":\"10.0.0.2\"}").patch(ITEMS)
                .statusCode());
        assertSiemError(in(space).body("{\"id\":\"one\",\"value\":\"nope\"}").put(ITEMS), 400, "\"nope\" is not a valid ip");
        assertPlatformError(in(space).body("{\"id\":\"one\"}").put(ITEMS), "[request body]: value: Required");
    }

    @Test
    void deletesByIdAndByValue() {
        String space = spaceWithList("ip");
        ObjectNode one = json(post(space, ITEMS, "{\"id\":\"one\",\"list_id\":\"some-list-id\",\"value\":\"127.0.0.1\"}"));
        post(space, ITEMS, "{\"id\":\"two\",\"list_id\":\"some-list-id\",\"value\":\"10.0.0.1\"}");
        post(space, ITEMS, "{\"id\":\"three\",\"list_id\":\"some-list-id\",\"value\":\"10.0.0.1\"}");

        Response byId = in(space).queryParam("id", "one").delete(ITEMS);
        Response byValue = in(space).queryParam("list_id", "some-list-id").queryParam("value", "10.0.0.1").delete(ITEMS);

        assertEquals(one, json(byId));
        assertEquals(2, ((ArrayNode) parse(byValue.asString())).size());
        assertSiemError(in(space).queryParam("id", "one").delete(ITEMS), 404, "list item with id: \"one\" not found");
        assertSiemError(in(space).queryParam("list_id", "some-list-id").queryParam("value", "10.0.0.1").delete(ITEMS), 404,
                "list_id: \"some-list-id\" with 10.0.0.1 was not found");
        assertSiemError(in(space).queryParam("list_id", "nope").queryParam("value", "1").delete(ITEMS), 404,
                "list_id: \"nope\" does not exist");
    }

    @Test
    void findsItemsPageByPageWithTheCursor() {
        String space = spaceWithList("keyword");
        for (String value : new String[]{"d", "b", "a", "e", "c"}) {
            post(space, ITEMS, "{\"list_id\":\"some-list-id\",\"value\":\"" + value + "\"}");
        }

        Response first = in(space).queryParam("list_id", "some-list-id").queryParam("per_page", 2)
                .queryParam("sort_field", "value").queryParam("sort_order", "asc").get(ITEMS + "/_find");
        Response second = in(space).queryParam("list_id", "some-list-id").queryParam("per_page", 2).queryParam("page", 2)
                .queryParam("sort_field", "value").queryParam("sort_order", "asc")
                .queryParam("cursor", json(first).get("cursor").asText()).get(ITEMS + "/_find");
        Response third = in(space).queryParam("list_id", "some-list-id").queryParam("per_page", 2).queryParam("page", 3)
                .queryParam("sort_field", "value").queryParam("sort_order", "asc").get(ITEMS + "/_find");

        assertEquals(200, first.statusCode(), first.asString());
        assertEquals("[\"a\",\"b\"]", values(first));
        assertEquals("[\"c\",\"d\"]", values(second));
        assertEquals("[\"e\"]", values(third));
        assertEquals(5, json(first).get("total").asInt());
        assertEquals(2, json(second).get("page").asInt());
        assertEquals(2, json(second).get("per_page").asInt());
    }

    @Test
    void findsItemsWithAKqlFilter() {
        String space = spaceWithList("keyword");
        for (String value : new String[]{"root", "admin", "guest"}) {
            post(space, ITEMS, "{\"list_id\":\"some-list-id\",\"value\":\"" + value + "\"}");
        }

        Response found = in(space).queryParam("list_id", "some-list-id").queryParam("filter", "value: root or value: guest")
                .queryParam("sort_field", "value").get(ITEMS + "/_find");

        assertEquals(200, found.statusCode(), found.asString());
        assertEquals("[\"guest\",\"root\"]", values(found));
    }

    @Test
    void findingNeedsAListThatExists() {
        String space = spaceWithList("keyword");

        assertPlatformError(in(space).get(ITEMS + "/_find"), "[request query]: list_id: Required");
        assertSiemError(in(space).queryParam("list_id", "nope").get(ITEMS + "/_find"), 404, "list id: \"nope\" does not exist");
        assertSiemError(in(space).queryParam("list_id", "some-list-id").queryParam("cursor", "nope!")
                .get(ITEMS + "/_find"), 400, "Error parsing JSON from base64 encoded cursor");
    }

    private static String values(Response page) {
        StringBuilder values = new StringBuilder("[");
        json(page).get("data").forEach(item -> values.append(values.length() > 1 ? "," : "")
                .append('"').append(item.get("value").asText()).append('"'));
        return values.append(']').toString();
    }
}
