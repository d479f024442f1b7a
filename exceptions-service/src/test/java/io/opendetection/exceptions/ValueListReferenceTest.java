package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.opendetection.exceptions.ExceptionsApi.assertCloudEvent;
import static io.opendetection.exceptions.ExceptionsApi.created;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The internal routes lists-service calls before deleting a value list: the items (of the
 * caller's space and agnostic ones) whose list entries name it, and the removal of those entries.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ValueListReferenceTest {
    private static final String ITEMS = "/api/exception_lists/items";

    private static String references(String valueListId) {
        return "/internal/value-lists/" + valueListId + "/references";
    }

    private static String listEntry(String valueListId) {
        return """
                {"field":"source.ip","list":{"id":"%s","type":"ip"},"operator":"excluded","type":"list"}"""
                .formatted(valueListId);
    }

    private static String match() {
        return """
                {"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"}""";
    }

    private static ObjectNode item(String space, String listId, String namespaceType, String itemId, String entries) {
        return created(space, ITEMS, """
                {"list_id":"%s","namespace_type":"%s","item_id":"%s","name":"n","description":"d","type":"simple",
                 "entries":[%s]}""".formatted(listId, namespaceType, itemId, entries));
    }

    @Test
    void findsTheItemsOfThisSpaceAndAgnosticOnesWithTheirLists() {
        String space = newSpace();
        String valueList = ListsServiceStandIn.TEST_OWN_PREFIX + space;
        ObjectNode list = created(space, "/api/exception_lists", Fixtures.list("hosts"));
        ObjectNode agnostic = created(space, "/api/exception_lists", Fixtures.agnosticList("agnostic-" + space));
        ObjectNode mixed = item(space, "hosts", "single", "mixed", listEntry(valueList) + "," + match());
        item(space, "hosts", "single", "other-list", listEntry("scanner-ips"));
        ObjectNode shared = item(space, "agnostic-" + space, "agnostic", "shared-" + space, listEntry(valueList));
        String elsewhere = newSpace();
        created(elsewhere, "/api/exception_lists", Fixtures.list("hosts"));
        item(elsewhere, "hosts", "single", "mixed", listEntry(valueList));

        Response found = in(space).get(references(valueList));

        assertEquals(200, found.statusCode(), found.asString());
        JsonNode references = parse(found.asString());
        assertEquals(2, references.size(), references.toString());
        // oldest first, but two items created within one millisecond may come either way
        assertEquals(Set.of(parse("{\"exception_item\":" + mixed + ",\"exception_list\":" + list + "}"),
                        parse("{\"exception_item\":" + shared + ",\"exception_list\":" + agnostic + "}")),
                Set.of(references.get(0), references.get(1)));
        assertEquals(parse("[]"), parse(in(space).get(references(ListsServiceStandIn.TEST_OWN_PREFIX + "unused"))
                .asString()));
    }

    @Test
    void removingTakesOnlyTheEntriesNamingTheListAndItemsLeftEmpty() {
        String space = newSpace();
        String valueList = ListsServiceStandIn.TEST_OWN_PREFIX + space;
        created(space, "/api/exception_lists", Fixtures.list("hosts"));
        ObjectNode mixed = item(space, "hosts", "single", "mixed", listEntry(valueList) + "," + match());
        ObjectNode only = item(space, "hosts", "single", "only", listEntry(valueList));
        ObjectNode other = item(space, "hosts", "single", "other", listEntry("scanner-ips"));

        Response removed = in(space).delete(references(valueList));

        assertEquals(200, removed.statusCode(), removed.asString());
        assertEquals(parse("{\"updated_items\":1,\"deleted_items\":1}"), json(removed));
        ObjectNode kept = json(in(space).queryParam("item_id", "mixed").get(ITEMS));
        assertEquals(parse("[" + match() + "]"), kept.get("entries"));
        assertEquals("analyst", kept.get("updated_by").asText());
        assertNotEquals(mixed.get("_version"), kept.get("_version"));
        assertEquals(404, in(space).queryParam("item_id", "only").get(ITEMS).statusCode());
        assertEquals(other, json(in(space).queryParam("item_id", "other").get(ITEMS)));
        assertEquals(parse("[]"), parse(in(space).get(references(valueList)).asString()));

        ConsumerRecord<String, String> update = ExceptionListChangeTest.lastRecord(mixed.get("id").asText());
        assertCloudEvent(update, EventTypes.EXCEPTION_ITEM_UPDATED, "mixed");
        assertEquals(kept, parse(update.value()).get("item"));
        ConsumerRecord<String, String> tombstone = ExceptionListChangeTest.lastRecord(only.get("id").asText());
        assertCloudEvent(tombstone, EventTypes.EXCEPTION_ITEM_DELETED, "only");
        assertNull(tombstone.value());
    }

    @Test
    void nothingToRemoveIsNoChange() {
        String space = newSpace();

        Response removed = in(space).delete(references(ListsServiceStandIn.TEST_OWN_PREFIX + space));

        assertEquals(200, removed.statusCode(), removed.asString());
        assertEquals(parse("{\"updated_items\":0,\"deleted_items\":0}"), json(removed));
    }
}
