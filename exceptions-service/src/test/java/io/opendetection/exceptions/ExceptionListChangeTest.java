package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.KafkaProbe;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestEndpoints;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.opendetection.exceptions.ExceptionsApi.assertCloudEvent;
import static io.opendetection.exceptions.ExceptionsApi.created;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.exceptions.ExceptionsApi.put;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUT, DELETE, _find and summary of exception lists. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionListChangeTest {
    private static final String LISTS = "/api/exception_lists";
    private static final String ITEMS = "/api/exception_lists/items";
    private static final String MISSING_ID = "c1e1b359-7ac1-4e96-bc81-c683c092436f";

    @Test
    void updateChangesTheListAndCountsTheVersionUp() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"detection","tags":["keep"],
                 "meta":{"kept":true},"os_types":["linux"]}""");

        Response updated = put(space, LISTS, """
                {"list_id":"ci-build-hosts","name":"Renamed","description":"New","type":"detection"}""");

        assertEquals(200, updated.statusCode(), updated.asString());
        ObjectNode body = json(updated);
        assertEquals("Renamed", body.get("name").asText());
        assertEquals(2, body.get("version").asInt());
        assertEquals(parse("[\"keep\"]"), body.get("tags"));
        assertEquals(parse("{\"kept\":true}"), body.get("meta"));
        assertEquals(parse("[]"), body.get("os_types"));
        assertEquals(list.get("id"), body.get("id"));
        assertEquals(list.get("created_at"), body.get("created_at"));
        assertNotEquals(list.get("_version"), body.get("_version"));
        assertEquals(body, json(in(space).queryParam("id", list.get("id").asText()).get(LISTS)));

        Response byId = put(space, LISTS, """
                {"id":"%s","name":"Again","description":"d","type":"detection","version":9}"""
                .formatted(list.get("id").asText()));
        assertEquals(9, json(byId).get("version").asInt());
    }

    @Test
    void updateFromAStaleVersionIsAConflict() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, Fixtures.minimalList());
        put(space, LISTS, "{\"list_id\":\"ci-build-hosts\",\"name\":\"x\",\"description\":\"d\",\"type\":\"detection\"}");

        assertSiemError(put(space, LISTS, """
                {"_version":"%s","list_id":"ci-build-hosts","name":"y","description":"d","type":"detection"}"""
                .formatted(list.get("_version").asText())), 409,
                "Saved object [exception-list/" + list.get("id").asText() + "] conflict");
    }

    @Test
    void updateOfAMissingListOrWithoutIdentifier() {
        String space = newSpace();
        assertSiemError(put(space, LISTS, """
                {"list_id":"nope","name":"x","description":"d","type":"detection"}"""), 404,
                "exception list list_id: \"nope\" does not exist");
        assertSiemError(put(space, LISTS, """
                {"name":"x","description":"d","type":"detection"}"""), 404, "either id or list_id need to be defined");
        assertPlatformError(put(space, LISTS, "{\"list_id\":\"a\"}"),
                "[request body]: description: Required, name: Required, type: Required");
    }

    @Test
    void b100_deleteByListIdOrIdTakesTheItems() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, Fixtures.minimalList());
        ObjectNode item = created(space, ITEMS, Fixtures.minimalItem());

        Response deleted = in(space).queryParam("list_id", "ci-build-hosts").delete(LISTS);

        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals(list, json(deleted));
        assertEquals(404, in(space).queryParam("item_id", "ci-runner-seven").get(ITEMS).statusCode());
        ConsumerRecord<String, String> itemTombstone = lastRecord(item.get("id").asText());
        assertCloudEvent(itemTombstone, EventTypes.EXCEPTION_ITEM_DELETED, "ci-runner-seven");
        assertNull(itemTombstone.value());
        ConsumerRecord<String, String> listTombstone = lastRecord(list.get("id").asText());
        assertCloudEvent(listTombstone, EventTypes.EXCEPTION_LIST_DELETED, "ci-build-hosts");
        assertNull(listTombstone.value());

        ObjectNode again = created(space, LISTS, Fixtures.minimalList());
        assertEquals(200, in(space).queryParam("id", again.get("id").asText()).delete(LISTS).statusCode());
    }

    @Test
    void b101_deleteOfAMissingList() {
        String space = newSpace();
        assertSiemError(in(space).queryParam("id", MISSING_ID).delete(LISTS), 404,
                "exception list id: \"" + MISSING_ID + "\" does not exist");
        assertSiemError(in(space).queryParam("list_id", MISSING_ID).delete(LISTS), 404,
                "exception list list_id: \"" + MISSING_ID + "\" does not exist");
        assertSiemError(in(space).delete(LISTS), 400, "Either \"list_id\" or \"id\" needs to be defined in the request");
    }

    @Test
    void findPagesSortsAndFilters() {
        String space = newSpace();
        for (String name : new String[] {"Charlie", "Alpha", "Bravo"}) {
            created(space, LISTS, """
                    {"list_id":"%s","name":"%s","description":"d","type":"detection","tags":["%s"]}"""
                    .formatted(name.toLowerCase(), name, name.equals("Bravo") ? "team:b" : "team:x"));
        }
        String agnosticListId = "agnostic-" + space;
        created(space, LISTS, Fixtures.agnosticList(agnosticListId));

        ObjectNode firstPage = json(in(space).queryParam("per_page", 2).queryParam("sort_field", "name")
                .queryParam("sort_order", "asc").get(LISTS + "/_find"));
        assertEquals(3, firstPage.get("total").asInt());
        assertEquals(2, firstPage.get("per_page").asInt());
        assertEquals(1, firstPage.get("page").asInt());
        assertEquals("Alpha", firstPage.get("data").get(0).get("name").asText());
        assertEquals("Bravo", firstPage.get("data").get(1).get("name").asText());
        ObjectNode secondPage = json(in(space).queryParam("per_page", 2).queryParam("page", 2)
                .queryParam("sort_field", "exception-list.name").queryParam("sort_order", "asc").get(LISTS + "/_find"));
        assertEquals("Charlie", secondPage.get("data").get(0).get("name").asText());

        ObjectNode filtered = json(in(space).queryParam("filter", "exception-list.attributes.tags: \"team:b\"")
                .get(LISTS + "/_find"));
        assertEquals(1, filtered.get("total").asInt());
        assertEquals("bravo", filtered.get("data").get(0).get("list_id").asText());

        ObjectNode both = json(in(space).queryParam("namespace_type", "single,agnostic")
                .queryParam("filter", "exception-list-agnostic.attributes.list_id: " + agnosticListId
                        + " or exception-list.attributes.name: Alpha")
                .get(LISTS + "/_find"));
        assertEquals(2, both.get("total").asInt(), both.toString());
    }

    @Test
    void findRejectsBadQueries() {
        String space = newSpace();
        assertPlatformError(in(space).queryParam("page", 0).queryParam("sort_order", "up").get(LISTS + "/_find"),
                "[request query]: page: Number must be greater than or equal to 1,"
                        + " sort_order: Invalid enum value. Expected 'desc' | 'asc', received 'up'");
        Response badKql = in(space).queryParam("filter", "exception-list.attributes.name: (").get(LISTS + "/_find");
        assertEquals(400, badKql.statusCode(), badKql.asString());
        Response unknownField = in(space).queryParam("filter", "exception-list.attributes.colour: red").get(LISTS + "/_find");
        assertSiemError(unknownField, 400, "unknown field in filter: exception-list.attributes.colour");
    }

    @Test
    void b105_summaryWithoutIdentifier() {
        assertSiemError(in(newSpace()).get(LISTS + "/summary"), 400, "id or list_id required");
    }

    @Test
    void b106_summaryOfAnEmptyOrMissingList() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        String zeros = "{\"linux\":0,\"macos\":0,\"total\":0,\"windows\":0}";
        assertEquals(zeros, in(space).queryParam("list_id", "ci-build-hosts").queryParam("namespace_type", "single")
                .get(LISTS + "/summary").asString());
        assertEquals(zeros, in(space).queryParam("list_id", "missing").get(LISTS + "/summary").asString());
    }

    @Test
    void b107_summaryCountsItemsPerOsType() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        for (String os : new String[] {"windows", "linux", "macos"}) {
            created(space, ITEMS, """
                    {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],"os_types":["%s"]}"""
                    .formatted(os));
        }
        assertEquals("{\"linux\":1,\"macos\":1,\"total\":3,\"windows\":1}",
                in(space).queryParam("list_id", "ci-build-hosts").get(LISTS + "/summary").asString());

        String other = newSpace();
        created(other, LISTS, Fixtures.minimalList());
        created(other, ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "os_types":["windows","linux","macos"]}""");
        assertEquals("{\"linux\":1,\"macos\":1,\"total\":1,\"windows\":1}",
                in(other).queryParam("list_id", "ci-build-hosts").get(LISTS + "/summary").asString());
    }

    @Test
    void publishesTheUpdatedList() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        ObjectNode updated = json(put(space, LISTS, """
                {"list_id":"ci-build-hosts","name":"Renamed","description":"d","type":"detection"}"""));

        ConsumerRecord<String, String> record = lastRecord(updated.get("id").asText());

        assertCloudEvent(record, EventTypes.EXCEPTION_LIST_UPDATED, "ci-build-hosts");
        assertEquals(parse("{\"space\":\"" + space + "\",\"list\":" + updated + "}"), parse(record.value()));
        assertTrue(record.value().contains("Renamed"));
    }

    /** The record of this key that comes last, once the relay has published it. */
    static ConsumerRecord<String, String> lastRecord(String key) {
        // the update or tombstone follows the creation on the key's partition: wait for a second record
        java.util.List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
        KafkaProbe.await(TestEndpoints.current().kafkaBootstrapServers(), Topics.EXCEPTIONS, record -> {
            if (key.equals(record.key())) {
                seen.add(record);
            }
            return seen.size() == 2;
        }, Duration.ofSeconds(30));
        assertEquals(2, seen.size(), "two records of " + key);
        return seen.get(1);
    }
}
