package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.opendetection.exceptions.ExceptionListChangeTest.lastRecord;
import static io.opendetection.exceptions.ExceptionsApi.assertCloudEvent;
import static io.opendetection.exceptions.ExceptionsApi.created;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.exceptions.ExceptionsApi.put;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Read, PUT, DELETE and _find of exception items. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionItemChangeTest {
    private static final String LISTS = "/api/exception_lists";
    private static final String ITEMS = "/api/exception_lists/items";
    private static final String FIND = ITEMS + "/_find";
    private static final String MISSING_ID = "5096dec6-b6b9-4d8d-8f93-6c2602079d9d";
    private static final String REQUIRED_ONLY = """
            {"item_id":"ci-runner-seven","name":"Renamed","description":"d","type":"simple",
             "entries":[{"field":"host.name","operator":"included","type":"match","value":"ci-runner-08"}]}""";

    private static String spaceWithItem() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        created(space, ITEMS, """
                {"list_id":"ci-build-hosts","item_id":"ci-runner-seven","name":"Runner seven","description":"d",
                 "type":"simple","entries":[],"os_types":["linux"],"tags":["ci"],"meta":{"ticket":7},
                 "comments":[{"comment":"first"}]}""");
        return space;
    }

    @Test
    void readsAnItemByIdOrItemId() {
        String space = spaceWithItem();
        ObjectNode byItemId = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));
        Response byId = in(space).queryParam("id", byItemId.get("id").asText()).queryParam("namespace_type", "single")
                .get(ITEMS);

        assertEquals(200, byId.statusCode(), byId.asString());
        assertEquals(byItemId, json(byId));
        assertSiemError(in(space).get(ITEMS), 400, "id or item_id required");
        assertSiemError(in(space).queryParam("item_id", "nope").get(ITEMS), 404,
                "exception list item item_id: \"nope\" does not exist");
    }

    @Test
    void b115_updateByItemIdOrIdKeepsTheIds() {
        String space = spaceWithItem();
        ObjectNode before = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));

        Response byItemId = put(space, ITEMS, REQUIRED_ONLY);
        Response byId = put(space, ITEMS, """
                {"id":"%s","name":"Again","description":"d","type":"simple","entries":[]}"""
                .formatted(before.get("id").asText()));

        assertEquals(200, byItemId.statusCode(), byItemId.asString());
        assertEquals("Renamed", json(byItemId).get("name").asText());
        assertEquals(200, byId.statusCode(), byId.asString());
        ObjectNode after = json(byId);
        assertEquals("Again", after.get("name").asText());
        assertEquals(before.get("id"), after.get("id"));
        assertEquals("ci-runner-seven", after.get("item_id").asText());
        assertEquals(1, json(in(space).queryParam("list_id", "ci-build-hosts").get(FIND)).get("total").asInt());
    }

    @Test
    void b116_updateWithTheRequiredFieldsKeepsTheOptionalOnes() {
        String space = spaceWithItem();
        ObjectNode before = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));

        ObjectNode after = json(put(space, ITEMS, REQUIRED_ONLY));

        for (String kept : new String[] {"comments", "tags", "os_types", "meta", "created_at", "created_by", "list_id"}) {
            assertEquals(before.get(kept), after.get(kept), kept);
        }
        assertEquals("ci-runner-08", after.get("entries").get(0).get("value").asText());
    }

    @Test
    void b117_updateOfAMissingItem() {
        String space = spaceWithItem();
        assertSiemError(put(space, ITEMS, """
                {"id":"%s","name":"n","description":"d","type":"simple","entries":[]}""".formatted(MISSING_ID)), 404,
                "exception list item id: \"" + MISSING_ID + "\" does not exist");
        assertSiemError(put(space, ITEMS, """
                {"item_id":"%s","name":"n","description":"d","type":"simple","entries":[]}""".formatted(MISSING_ID)), 404,
                "exception list item item_id: \"" + MISSING_ID + "\" does not exist");
    }

    @Test
    void b118_updatedByIsTheUpdatingUser() {
        String space = spaceWithItem();
        Response response = io.opendetection.testkit.ServiceApi.in("another-analyst", space).body(REQUIRED_ONLY).put(ITEMS);

        assertEquals("another-analyst", json(response).get("updated_by").asText());
        assertEquals("analyst", json(response).get("created_by").asText());
    }

    @Test
    void commentsAreKeptEditedByTheirAuthorAndAdded() {
        String space = spaceWithItem();
        ObjectNode before = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));
        String firstId = before.get("comments").get(0).get("id").asText();

        ObjectNode after = json(put(space, ITEMS, """
                {"item_id":"ci-runner-seven","name":"n","description":"d","type":"simple","entries":[],
                 "comments":[{"id":"%s","comment":"first, edited"},{"comment":"second"}]}""".formatted(firstId)));

        assertEquals(2, after.get("comments").size(), after.toString());
        assertEquals("first, edited", after.get("comments").get(0).get("comment").asText());
        assertEquals(firstId, after.get("comments").get(0).get("id").asText());
        assertEquals("analyst", after.get("comments").get(0).get("updated_by").asText());
        assertEquals("second", after.get("comments").get(1).get("comment").asText());
        assertSiemError(put(space, ITEMS, """
                {"item_id":"ci-runner-seven","name":"n","description":"d","type":"simple","entries":[],"comments":[]}"""),
                403, "Comments cannot be deleted, only new comments may be added");
    }

    @Test
    void deleteByItemIdPublishesATombstone() {
        String space = spaceWithItem();
        ObjectNode item = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));

        Response deleted = in(space).queryParam("item_id", "ci-runner-seven").delete(ITEMS);

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(item, json(deleted));
        assertSiemError(in(space).queryParam("id", item.get("id").asText()).delete(ITEMS), 404,
                "exception list item id: \"" + item.get("id").asText() + "\" does not exist");
        assertSiemError(in(space).delete(ITEMS), 400, "Either \"item_id\" or \"id\" needs to be defined in the request");
        ConsumerRecord<String, String> tombstone = lastRecord(item.get("id").asText());
        assertCloudEvent(tombstone, EventTypes.EXCEPTION_ITEM_DELETED, "ci-runner-seven");
        assertNull(tombstone.value());
    }

    @Test
    void b119_findOnAnEmptyList() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());

        Response response = in(space).queryParam("list_id", "ci-build-hosts").get(FIND);

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("{\"data\":[],\"page\":1,\"per_page\":20,\"total\":0}"), json(response));
    }

    @Test
    void b120_findWithOneItem() {
        String space = spaceWithItem();
        ObjectNode item = json(in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS));

        assertEquals(parse("{\"data\":[" + item + "],\"page\":1,\"per_page\":20,\"total\":1}"),
                json(in(space).queryParam("list_id", "ci-build-hosts").get(FIND)));
    }

    @Test
    void b121_findWithSearchPageAndSort() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        ObjectNode hostItem = created(space, ITEMS, Fixtures.itemWithEntries("""
                [{"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"}]"""));
        created(space, ITEMS, Fixtures.itemWithEntries("""
                [{"field":"process.name","operator":"included","type":"match","value":"gcc"}]"""));

        // search looks into every text value: "ci-runner" is only in the first item's entry
        ObjectNode found = json(in(space).queryParam("list_id", "ci-build-hosts").queryParam("search", "CI-Runner")
                .queryParam("namespace_type", "single").queryParam("page", 1).queryParam("per_page", 25)
                .queryParam("sort_field", "exception-list.created_at").queryParam("sort_order", "desc").get(FIND));

        assertEquals(parse("{\"data\":[" + hostItem + "],\"page\":1,\"per_page\":25,\"total\":1}"), found);
    }

    @Test
    void b122_findOnAMissingList() {
        assertSiemError(in(newSpace()).queryParam("list_id", "non_exist").get(FIND), 404,
                "exception list id: \"non_exist\" does not exist");
    }

    @Test
    void findOverSeveralListsWithAFilterEach() {
        String space = newSpace();
        created(space, LISTS, Fixtures.list("first"));
        String agnostic = "agnostic-" + space;
        created(space, LISTS, Fixtures.agnosticList(agnostic));
        created(space, ITEMS, """
                {"list_id":"first","item_id":"a-%1$s","name":"keep me","description":"d","type":"simple","entries":[]}"""
                .formatted(space));
        created(space, ITEMS, """
                {"list_id":"first","item_id":"b-%1$s","name":"drop me","description":"d","type":"simple","entries":[]}"""
                .formatted(space));
        created(space, ITEMS, """
                {"list_id":"%s","item_id":"c-%s","name":"agnostic","description":"d","type":"simple","namespace_type":"agnostic",
                 "entries":[{"field":"host.name","operator":"included","type":"match_any","value":["x","y"]}]}"""
                .formatted(agnostic, space));

        ObjectNode found = json(in(space).queryParam("list_id", "first," + agnostic)
                .queryParam("namespace_type", "single,agnostic")
                .queryParam("filter", "exception-list.attributes.name: \"keep me\","
                        + "exception-list-agnostic.attributes.entries.value: y")
                .queryParam("sort_field", "name").get(FIND));

        assertEquals(2, found.get("total").asInt(), found.toString());
        assertEquals("agnostic", found.get("data").get(0).get("name").asText());
        assertEquals("keep me", found.get("data").get(1).get("name").asText());
        assertSiemError(in(space).queryParam("list_id", "first," + agnostic).get(FIND), 400,
                "list_id and namespace_id need to have the same comma separated number of values."
                        + " Expected list_id length: 2 to equal namespace_type length: 1");
    }

    @Test
    void publishesTheUpdatedItem() {
        String space = spaceWithItem();
        ObjectNode list = json(in(space).queryParam("list_id", "ci-build-hosts").get(LISTS));
        ObjectNode updated = json(put(space, ITEMS, REQUIRED_ONLY));

        ConsumerRecord<String, String> record = lastRecord(updated.get("id").asText());

        assertCloudEvent(record, EventTypes.EXCEPTION_ITEM_UPDATED, "ci-runner-seven");
        assertEquals(parse("{\"space\":\"" + space + "\",\"listId\":\"" + list.get("id").asText() + "\",\"item\":"
                + updated + "}"), parse(record.value()));
    }
}
