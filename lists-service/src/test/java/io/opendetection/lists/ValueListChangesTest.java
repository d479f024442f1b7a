package io.opendetection.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.auth.CallerToken;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.opendetection.lists.ListsApi.assertCloudEvent;
import static io.restassured.RestAssured.given;
import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.opendetection.testkit.ServiceApi.published;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class ValueListChangesTest {
    private static final String LISTS = "/api/lists";

    private static String spaceWithStorage() {
        String space = newSpace();
        assertEquals(200, in(space).post("/api/lists/index").statusCode());
        return space;
    }

    private static ObjectNode create(String space, String id, String name) {
        Response created = post(space, LISTS, """
                {"id":"%s","name":"%s","description":"d","type":"keyword"}""".formatted(id, name));
        assertEquals(200, created.statusCode(), created.asString());
        return json(created);
    }

    @Test
    void b137_findingWithNoListsAndWithOne() {
        String space = spaceWithStorage();

        Response empty = in(space).get(LISTS + "/_find");
        ObjectNode list = create(space, "some-list-id", "some name");
        Response one = in(space).get(LISTS + "/_find");

        assertEquals(200, empty.statusCode(), empty.asString());
        assertEquals(parse("{\"cursor\":\"WzBd\",\"data\":[],\"page\":1,\"per_page\":20,\"total\":0}"), json(empty));
        assertEquals(parse("[" + list + "]"), json(one).get("data"));
        assertEquals(1, json(one).get("total").asInt());
        assertEquals(1, json(one).get("page").asInt());
        assertEquals(20, json(one).get("per_page").asInt());
        assertNotEquals("WzBd", json(one).get("cursor").asText());
    }

    @Test
    void findsSortedPagesAndRefusesBadQueries() {
        String space = spaceWithStorage();
        create(space, "c", "Charlie");
        create(space, "a", "Alpha");
        create(space, "b", "Bravo");

        Response page = in(space).queryParam("sort_field", "name").queryParam("sort_order", "desc")
                .queryParam("per_page", 2).get(LISTS + "/_find");
        Response next = in(space).queryParam("sort_field", "name").queryParam("sort_order", "desc")
                .queryParam("per_page", 2).queryParam("page", 2).queryParam("cursor", json(page).get("cursor").asText())
                .get(LISTS + "/_find");

        assertEquals("Charlie", json(page).get("data").get(0).get("name").asText());
        assertEquals("Bravo", json(page).get("data").get(1).get("name").asText());
        assertEquals("Alpha", json(next).get("data").get(0).get("name").asText());
        assertEquals(1, json(next).get("data").size());
        assertPlatformError(in(space).queryParam("page", "x").get(LISTS + "/_find"),
                "[request query]: page: Expected number, received string");
        assertPlatformError(in(space).queryParam("sort_order", "up").get(LISTS + "/_find"),
                "[request query]: sort_order: Invalid enum value. Expected 'desc' | 'asc', received 'up'");
        assertSiemError(in(space).queryParam("sort_field", "colour").get(LISTS + "/_find"), 400,
                "No mapping found for [colour] in order to sort on");
    }

    @Test
    void findsWithAKqlFilter() {
        String space = spaceWithStorage();
        create(space, "a", "Office networks");
        create(space, "b", "Scanner hosts");

        Response found = in(space).queryParam("filter", "name: office or id: nothing").get(LISTS + "/_find");

        assertEquals(200, found.statusCode(), found.asString());
        assertEquals(1, json(found).get("total").asInt());
        assertEquals("a", json(found).get("data").get(0).get("id").asText());
        assertEquals(400, in(space).queryParam("filter", "name: (").get(LISTS + "/_find").statusCode());
        assertEquals(400, in(space).queryParam("filter", "colour: red").get(LISTS + "/_find").statusCode());
    }

    @Test
    void updatesAndPatchesAList() {
        String space = spaceWithStorage();
        ObjectNode created = create(space, "one", "First");

        Response put = in(space).body("{\"id\":\"one\",\"name\":\"Renamed\",\"description\":\"new\"}").put(LISTS);
        Response patch = in(space).body("{\"id\":\"one\",\"meta\":{\"k\":\"v\"},\"_version\":\""
                + json(put).get("_version").asText() + "\"}").patch(LISTS);

        assertEquals(200, put.statusCode(), put.asString());
        assertEquals("Renamed", json(put).get("name").asText());
        assertEquals("new", json(put).get("description").asText());
        assertEquals(2, json(put).get("version").asInt());
        assertNotEquals(created.get("_version"), json(put).get("_version"));
        assertEquals(created.get("created_at"), json(put).get("created_at"));
        assertEquals(200, patch.statusCode(), patch.asString());
        assertEquals("Renamed", json(patch).get("name").asText());
        assertEquals(parse("{\"k\":\"v\"}"), json(patch).get("meta"));
        assertEquals(json(patch), json(in(space).queryParam("id", "one").get(LISTS)));
    }

    @Test
    void changingWhatIsNotThereOrIsStale() {
        String space = spaceWithStorage();
        create(space, "one", "First");

        assertSiemError(in(space).body("{\"id\":\"nope\",\"name\":\"n\",\"description\":\"d\"}").put(LISTS), 404,
                "list id: \"nope\" not found");
        assertEquals(409, in(space).body("{\"id\":\"one\",\"_version\":\"WzksMV0=\",\"name\":\"x\"}").patch(LISTS).statusCode());
        assertPlatformError(in(space).body("{\"id\":\"one\"}").put(LISTS),
                "[request body]: description: Required, name: Required");
        assertPlatformError(in(space).body("{\"name\":5}").patch(LISTS),
                "[request body]: id: Required, name: Expected string, received number");
    }

    @Test
    void b143_deletesAListAndItsValues() {
        String space = spaceWithStorage();
        ObjectNode list = create(space, "one", "First");
        post(space, "/api/lists/items", "{\"id\":\"item\",\"list_id\":\"one\",\"value\":\"v\"}");

        Response deleted = in(space).queryParam("id", "one").delete(LISTS);

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(list, json(deleted));
        assertEquals(404, in(space).queryParam("id", "one").get(LISTS).statusCode());
        assertEquals(404, in(space).queryParam("id", "item").get("/api/lists/items").statusCode());
        assertSiemError(in(space).queryParam("id", "one").delete(LISTS), 404, "list id: \"one\" was not found");
        assertPlatformError(in(space).delete(LISTS), "[request query]: id: Required");
    }

    @Test
    void aListNamedByExceptionItemsIsNotDeletedAndTheConflictNamesThem() {
        String space = spaceWithStorage();
        String id = ExceptionsServiceStandIn.REFERENCED + space;
        create(space, id, "Scanners");

        Response refused = in(space).queryParam("id", id).delete(LISTS);

        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals(parse("""
                {"message":{"error":{"message":"Value list '%s' is referenced in existing exception list(s)",
                 "references":[%s],"value_list_id":"%s"}},"status_code":409}"""
                .formatted(id, ExceptionsServiceStandIn.reference(id), id)), json(refused));
        assertEquals(200, in(space).queryParam("id", id).get(LISTS).statusCode());
        assertTrue(ExceptionsServiceStandIn.calls().stream().noneMatch(call -> call.startsWith("DELETE") && call.contains(id)));
    }

    @Test
    void deleteReferencesRemovesThemBeforeTheList() {
        String space = spaceWithStorage();
        String id = ExceptionsServiceStandIn.REFERENCED + space;
        ObjectNode list = create(space, id, "Scanners");

        Response deleted = in(space).queryParam("id", id).queryParam("deleteReferences", "true").delete(LISTS);

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(list, json(deleted));
        assertEquals(404, in(space).queryParam("id", id).get(LISTS).statusCode());
        assertTrue(ExceptionsServiceStandIn.calls().contains("DELETE /internal/value-lists/" + id + "/references"));
    }

    @Test
    void ignoreReferencesDeletesWithoutAsking() {
        String space = spaceWithStorage();
        String id = ExceptionsServiceStandIn.REFERENCED + space;
        create(space, id, "Scanners");

        Response deleted = in(space).queryParam("id", id).queryParam("ignoreReferences", "true")
                .queryParam("deleteReferences", "true").delete(LISTS);

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(404, in(space).queryParam("id", id).get(LISTS).statusCode());
        assertTrue(ExceptionsServiceStandIn.calls().stream().noneMatch(call -> call.contains(id)));
    }

    @Test
    void whenTheReferencesCannotBeKnownTheListStays() {
        String space = spaceWithStorage();
        String id = ExceptionsServiceStandIn.FAILING + space;
        create(space, id, "Scanners");

        assertSiemError(in(space).queryParam("id", id).delete(LISTS), 500, "An internal server error occurred");
        assertEquals(200, in(space).queryParam("id", id).get(LISTS).statusCode());
        assertPlatformError(in(space).queryParam("id", id).queryParam("deleteReferences", "yes").delete(LISTS),
                "[request query]: deleteReferences: Invalid enum value. Expected 'true' | 'false', received 'yes'");
    }

    @Test
    void publishesChangesAndDeletions() {
        String space = spaceWithStorage();
        String id = "changed-" + space;
        create(space, id, "n");
        in(space).body("{\"id\":\"" + id + "\",\"name\":\"renamed\"}").patch(LISTS);
        in(space).queryParam("id", id).delete(LISTS);

        ConsumerRecord<String, String> deleted = io.opendetection.testkit.KafkaProbe.await(
                io.opendetection.testkit.TestEndpoints.current().kafkaBootstrapServers(), Topics.LISTS,
                record -> id.equals(record.key()) && record.value() == null, java.time.Duration.ofSeconds(30)).orElseThrow();
        ConsumerRecord<String, String> updated = io.opendetection.testkit.KafkaProbe.await(
                io.opendetection.testkit.TestEndpoints.current().kafkaBootstrapServers(), Topics.LISTS,
                record -> id.equals(record.key()) && record.value() != null && record.value().contains("renamed"),
                java.time.Duration.ofSeconds(30)).orElseThrow();

        assertCloudEvent(updated, EventTypes.VALUE_LIST_UPDATED, id);
        assertCloudEvent(deleted, EventTypes.VALUE_LIST_DELETED, id);
        assertNull(deleted.value());
        assertTrue(published(Topics.LISTS, id) != null);
    }

    @Test
    void deletingTheStorageDeletesEveryListAndItsValues() {
        String space = spaceWithStorage();
        create(space, "one", "First");
        assertEquals(200, post(space, "/api/lists/items", "{\"id\":\"item\",\"list_id\":\"one\",\"value\":\"v\"}")
                .statusCode());

        Response deleted = in(space).delete("/api/lists/index");

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(parse("{\"acknowledged\":true}"), json(deleted));
        assertEquals(404, in(space).get("/api/lists/index").statusCode());
        assertSiemError(in(space).delete("/api/lists/index"), 404, "index and data stream: \".lists-" + space
                + "\" and \".items-" + space + "\" does not exist");
        assertEquals(200, in(space).post("/api/lists/index").statusCode());
        assertEquals(404, in(space).queryParam("id", "one").get(LISTS).statusCode());
        // nothing of the old list's values is left: not by id, not by value in a new list of its id
        create(space, "one", "Again");
        assertEquals(404, in(space).queryParam("id", "item").get("/api/lists/items").statusCode());
        assertEquals(404, in(space).queryParam("list_id", "one").queryParam("value", "v").get("/api/lists/items")
                .statusCode());
        assertEquals(200, post(space, "/api/lists/items", "{\"id\":\"item\",\"list_id\":\"one\",\"value\":\"w\"}")
                .statusCode());
    }

    @Test
    void readsTheCallersPrivileges() {
        String space = newSpace();

        Response privileges = in(space).get(LISTS + "/privileges");

        assertEquals(200, privileges.statusCode(), privileges.asString());
        ObjectNode body = json(privileges);
        assertTrue(body.get("is_authenticated").asBoolean());
        assertEquals("analyst", body.get("lists").get("username").asText());
        assertTrue(body.get("lists").get("index").get(".lists-" + space).get("read").asBoolean());
        assertTrue(body.get("listItems").get("index").get(".items-" + space).get("write").asBoolean());
        assertTrue(body.get("listItems").get("has_all_requested").asBoolean());
        assertTrue(body.get("lists").get("cluster").get("manage_security").asBoolean());

        // a value-list reader without cluster privileges may read the lists and nothing more
        String reader = TestTokens.bearer("reader", space, Map.of(
                CallerToken.PRIVILEGES_CLAIM, Map.of("lists", "read")));
        ObjectNode read = json(given().header("Authorization", reader)
                .get(LISTS + "/privileges"));
        JsonNode onLists = read.get("lists").get("index").get(".lists-" + space);
        assertTrue(onLists.get("read").asBoolean());
        assertFalse(onLists.get("write").asBoolean());
        assertFalse(read.get("lists").get("cluster").get("monitor").asBoolean());
        assertFalse(read.get("lists").get("has_all_requested").asBoolean());
    }
}
