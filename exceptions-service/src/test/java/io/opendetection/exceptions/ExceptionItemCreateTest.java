package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.opendetection.exceptions.ExceptionsApi.assertCloudEvent;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.opendetection.exceptions.ExceptionsApi.post;
import static io.opendetection.testkit.ServiceApi.published;
import static io.opendetection.exceptions.ExceptionsApi.withoutGenerated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionItemCreateTest {
    private static final String LISTS = "/api/exception_lists";
    private static final String ITEMS = "/api/exception_lists/items";

    /** A space holding the fixture list. */
    private static String spaceWithList() {
        String space = newSpace();
        assertEquals(200, post(space, LISTS, Fixtures.minimalList()).statusCode());
        return space;
    }

    @Test
    void b108_itemOnMissingList() {
        assertSiemError(post(newSpace(), ITEMS, Fixtures.minimalItem()), 404,
                "exception list id: \"ci-build-hosts\" does not exist");
    }

    @Test
    void b109_createMinimalItem() {
        Response response = post(spaceWithList(), ITEMS, Fixtures.minimalItem());

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("""
                {"comments":[],"created_by":"analyst","description":"Builds kernels, looks like malware",
                 "entries":%s,"item_id":"ci-runner-seven","list_id":"ci-build-hosts","name":"Runner seven",
                 "namespace_type":"single","os_types":["linux"],"tags":[],"type":"simple","updated_by":"analyst"}"""
                .formatted(Fixtures.ENTRIES)), withoutGenerated(json(response)));
    }

    @Test
    void b110_commentsAreKeptWithAuthorAndTime() {
        Response response = post(spaceWithList(), ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "comments":[{"comment":"seen on\\ntwo runners"}]}""");

        assertEquals(200, response.statusCode(), response.asString());
        JsonNode comment = json(response).get("comments").get(0);
        assertEquals("seen on\ntwo runners", comment.get("comment").asText());
        assertEquals("analyst", comment.get("created_by").asText());
        assertTrue(isUuid(comment.get("id").asText()));
        assertEquals(json(response).get("created_at"), comment.get("created_at"));
    }

    @Test
    void b110_emptyCommentsAreRejected() {
        String space = spaceWithList();
        assertPlatformError(post(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "comments":[{"comment":"\\n\\n\\n\\n"}]}"""),
                "[request body]: comments.0.comment: No empty strings allowed");
        assertPlatformError(post(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "comments":[{"comment":""}]}"""),
                "[request body]: comments.0.comment: String must contain at least 1 character(s),"
                        + " comments.0.comment: No empty strings allowed");
    }

    @Test
    void b111_matchAnyValuesAreKeptAsGiven() {
        Response response = post(spaceWithList(), ITEMS, Fixtures.itemWithEntries("""
                [{"field":"file.extension","operator":"excluded","type":"match_any","value":["so","SO","so"]}]"""));

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("[\"so\",\"SO\",\"so\"]"), json(response).get("entries").get(0).get("value"));
    }

    @Test
    void b112_generatedItemId() {
        Response response = post(spaceWithList(), ITEMS, Fixtures.itemWithEntries("[]"));

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(isUuid(json(response).get("item_id").asText()));
    }

    @Test
    void b113_duplicateItemId() {
        String space = spaceWithList();
        assertEquals(200, post(space, ITEMS, Fixtures.minimalItem()).statusCode());

        assertSiemError(post(space, ITEMS, Fixtures.minimalItem()), 409,
                "exception list item id: \"ci-runner-seven\" already exists");
    }

    @Test
    void b114_expireTimeIsKeptOrRejected() {
        String space = spaceWithList();
        Response kept = post(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "expire_time":"2031-05-04T03:02:01.123Z"}""");

        assertEquals(200, kept.statusCode(), kept.asString());
        assertEquals("2031-05-04T03:02:01.123Z", json(kept).get("expire_time").asText());
        assertPlatformError(post(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"n","description":"d","type":"simple","entries":[],
                 "expire_time":"next tuesday"}"""), "[request body]: expire_time: Invalid datetime");
    }

    @Test
    void acceptsEveryEntryType() {
        String entries = """
                [{"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"},
                 {"field":"host.ip","operator":"excluded","type":"match_any","value":["10.0.0.7"]},
                 {"field":"process.name","operator":"included","type":"wildcard","value":"gcc*"},
                 {"field":"user.id","operator":"excluded","type":"exists"},
                 {"field":"source.ip","operator":"included","type":"list","list":{"id":"scanner-ips","type":"ip"}},
                 {"field":"file","type":"nested","entries":[
                   {"field":"name","operator":"included","type":"match","value":"a.out"},
                   {"field":"hash","operator":"included","type":"match_any","value":["aa","bb"]},
                   {"field":"owner","operator":"excluded","type":"exists"}]}]""";

        Response response = post(spaceWithList(), ITEMS, Fixtures.itemWithEntries(entries));

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse(entries), json(response).get("entries"));
    }

    @Test
    void rejectsMalformedEntries() {
        assertPlatformError(post(spaceWithList(), ITEMS, Fixtures.itemWithEntries("""
                [{"field":"","operator":"included","type":"match","value":" "},
                 {"field":"host.ip","operator":"sometimes","type":"match_any","value":[]},
                 {"field":"a","type":"regex","operator":"included","value":"x"},
                 {"field":"b","operator":"included","type":"list","list":{"id":"ips"}},
                 {"field":"file","type":"nested","entries":[{"field":"c","operator":"included","type":"wildcard","value":"x"}]},
                 {"field":"d","type":"nested","entries":[]}]""")),
                "[request body]: entries.0.field: String must contain at least 1 character(s),"
                        + " entries.0.field: No empty strings allowed,"
                        + " entries.0.value: No empty strings allowed,"
                        + " entries.1.operator: Invalid enum value. Expected 'excluded' | 'included', received 'sometimes',"
                        + " entries.1.value: Array must contain at least 1 element(s),"
                        + " entries.2.type: Invalid discriminator value."
                        + " Expected 'match' | 'match_any' | 'list' | 'exists' | 'nested' | 'wildcard',"
                        + " entries.3.list.type: Required,"
                        + " entries.4.entries.0.type: Invalid discriminator value. Expected 'match' | 'match_any' | 'exists',"
                        + " entries.5.entries: Array must contain at least 1 element(s)");
    }

    @Test
    void aListEntryMustNameAnExistingValueList() {
        assertSiemError(post(spaceWithList(), ITEMS, Fixtures.itemWithEntries("""
                [{"field":"host.name","operator":"included","type":"match","value":"a"},
                 {"field":"source.ip","operator":"included","type":"list","list":{"id":"no-such-ips","type":"ip"}}]""")),
                400, "entries.1.list.id: list id: \"no-such-ips\" does not exist");
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertPlatformError(post(newSpace(), ITEMS, "{\"type\":\"complex\",\"tags\":[\"\"]}"),
                "[request body]: description: Required, entries: Required, list_id: Required, name: Required,"
                        + " tags.0: String must contain at least 1 character(s), tags.0: No empty strings allowed,"
                        + " type: Invalid enum value. Expected 'simple', received 'complex'");
    }

    @Test
    void itemsOfAnAgnosticListAreAddedFromAnySpace() {
        String listId = "agnostic-" + newSpace();
        assertEquals(200, post(newSpace(), LISTS, Fixtures.agnosticList(listId)).statusCode());
        String item = """
                {"list_id":"%s","name":"n","description":"d","type":"simple","entries":[],"namespace_type":"%s"}""";

        Response agnostic = post(newSpace(), ITEMS, item.formatted(listId, "agnostic"));

        assertEquals(200, agnostic.statusCode(), agnostic.asString());
        assertEquals("agnostic", json(agnostic).get("namespace_type").asText());
        // The list is looked up in the item's namespace: it is no single list.
        assertSiemError(post(newSpace(), ITEMS, item.formatted(listId, "single")), 404,
                "exception list id: \"" + listId + "\" does not exist");
    }

    @Test
    void publishesTheCreatedItemWithItsListsId() {
        String space = newSpace();
        ObjectNode list = json(post(space, LISTS, Fixtures.minimalList()));
        ObjectNode item = json(post(space, ITEMS, Fixtures.minimalItem()));

        ConsumerRecord<String, String> record = published(Topics.EXCEPTIONS, item.get("id").asText());

        assertCloudEvent(record, EventTypes.EXCEPTION_ITEM_CREATED, "ci-runner-seven");
        assertEquals(parse("{\"space\":\"" + space + "\",\"listId\":\"" + list.get("id").asText() + "\",\"item\":" + item + "}"),
                parse(record.value()));
    }
}
