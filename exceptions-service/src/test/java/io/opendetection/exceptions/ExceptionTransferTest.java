package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.opendetection.exceptions.ExceptionsApi.created;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.exceptions.ExceptionsApi.upload;
import static io.opendetection.exceptions.ExceptionsApi.withoutGenerated;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** _export, _import and _duplicate of exception lists. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionTransferTest {
    private static final String LISTS = "/api/exception_lists";
    private static final String ITEMS = "/api/exception_lists/items";
    private static final String IMPORT = LISTS + "/_import";
    /** One entry of every type, and a nested one holding each type a nested entry may hold. */
    static final String EVERY_ENTRY = """
            [{"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"},
             {"field":"host.ip","operator":"excluded","type":"match_any","value":["10.0.0.7","10.0.0.8"]},
             {"field":"process.name","operator":"included","type":"wildcard","value":"gcc*"},
             {"field":"user.id","operator":"excluded","type":"exists"},
             {"field":"source.ip","operator":"included","type":"list","list":{"id":"scanner-ips","type":"ip"}},
             {"field":"file","type":"nested","entries":[
               {"field":"name","operator":"included","type":"match","value":"a.out"},
               {"field":"hash","operator":"included","type":"match_any","value":["aa","bb"]},
               {"field":"owner","operator":"excluded","type":"exists"}]}]""";
    private static final String LIST_LINE =
            "{\"description\":\"some description\",\"list_id\":\"%s\",\"name\":\"Query with a rule id\",\"type\":\"detection\"}";
    private static final String ITEM_LINE = "{\"description\":\"some description\",\"entries\":" + Fixtures.ENTRIES.replace("\n", "")
            + ",\"item_id\":\"%s\",\"list_id\":\"%s\",\"name\":\"Query with a rule id\",\"type\":\"simple\"}";

    @Inject
    Pool pool;

    private static String listLine(String listId) {
        return LIST_LINE.formatted(listId);
    }

    private static String itemLine(String itemId, String listId) {
        return ITEM_LINE.formatted(itemId, listId);
    }

    private static ObjectNode importing(String space, String query, String... lines) {
        Response response = upload(space, IMPORT + query, "exceptions.ndjson", String.join("\n", lines) + "\n");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("application/json; charset=utf-8", response.contentType());
        return json(response);
    }

    @Test
    void b123_importOneList() {
        assertEquals(parse("""
                {"errors":[],"success":true,"success_count":1,"success_count_exception_list_items":0,
                 "success_count_exception_lists":1,"success_exception_list_items":true,"success_exception_lists":true}"""),
                importing(newSpace(), "", listLine("detection_list_id")));
    }

    @Test
    void b124_importListsWithItems() {
        String space = newSpace();
        assertEquals(2, importing(space, "", listLine("l1"), itemLine("item_id_1", "l1")).get("success_count").asInt());
        assertEquals(6, importing(space, "", listLine("l2"), listLine("l3"), itemLine("i2", "l2"), itemLine("i3", "l2"),
                itemLine("i4", "l3"), itemLine("i5", "l3")).get("success_count").asInt());
        List<String> many = IntStream.range(0, 100).mapToObj(i -> listLine("many-" + i)).collect(Collectors.toList());
        IntStream.range(0, 100).forEach(i -> many.add(itemLine("many-item-" + i, "many-" + i)));
        ObjectNode report = importing(space, "", many.toArray(String[]::new));
        assertEquals(200, report.get("success_count").asInt(), report.toString());
        assertEquals(100, report.get("success_count_exception_list_items").asInt());
        assertEquals(2, json(in(space).queryParam("list_id", "l2").get(ITEMS + "/_find")).get("total").asInt());
    }

    /**
     * A list filled in one go is known to the planner by its size at once, not after autovacuum's
     * next look: otherwise a filtered _find over it walks the whole list instead of the GIN index.
     */
    @Test
    void aListFilledByAnImportIsInThePlannersStatisticsSoonAfter() throws InterruptedException {
        String space = newSpace();
        List<String> lines = IntStream.range(0, 1_000).mapToObj(i -> itemLine("filled-" + i, "filled"))
                .collect(Collectors.toList());
        lines.add(0, listLine("filled"));
        assertEquals(1_001, importing(space, "", lines.toArray(String[]::new)).get("success_count").asInt());
        String id = json(in(space).queryParam("list_id", "filled").get(LISTS)).get("id").asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!commonListIds().contains(id)) {
            assertTrue(System.nanoTime() < deadline, "list " + id + " not among " + commonListIds());
            Thread.sleep(100);
        }
    }

    /** The lists PostgreSQL's statistics know as common values of exception_item.exception_list_id. */
    private List<String> commonListIds() {
        return pool.query("SELECT most_common_vals::text::text[] AS ids FROM pg_stats WHERE tablename = 'exception_item'"
                        + " AND attname = 'exception_list_id'").execute().await().indefinitely()
                .stream().map(row -> row.getArrayOfStrings("ids")).filter(ids -> ids != null)
                .flatMap(Arrays::stream).toList();
    }

    @Test
    void b125_anExistingListIsSkippedWithoutOverwrite() {
        String space = newSpace();
        created(space, LISTS, Fixtures.list("some-list-id"));

        assertEquals(parse("""
                {"errors":[{"error":{"message":"Found that list_id: \\"some-list-id\\" already exists. Import of list_id: \\"some-list-id\\" skipped.","status_code":409},"list_id":"some-list-id"}],
                 "success":false,"success_count":0,"success_count_exception_list_items":0,"success_count_exception_lists":0,
                 "success_exception_list_items":true,"success_exception_lists":false}"""),
                importing(space, "", listLine("some-list-id")));
    }

    @Test
    void b126_twoListsWithOneListIdInTheFile() {
        JsonNode expected = parse("""
                {"errors":[{"error":{"message":"More than one exception list with list_id: \\"detection_list_id\\" found in imports. The last list will be used.","status_code":400},"list_id":"detection_list_id"}],
                 "success":false,"success_count":1,"success_count_exception_list_items":0,"success_count_exception_lists":1,
                 "success_exception_list_items":true,"success_exception_lists":false}""");
        assertEquals(expected, importing(newSpace(), "", listLine("detection_list_id"), listLine("detection_list_id")));
        assertEquals(expected, importing(newSpace(), "?overwrite=true", listLine("detection_list_id"),
                listLine("detection_list_id")));
    }

    @Test
    void b127_anItemWithoutItsList() {
        assertEquals(parse("""
                {"errors":[{"error":{"message":"Exception list with list_id: \\"some-list-id\\", not found for exception list item with item_id: \\"1\\"","status_code":409},"item_id":"1","list_id":"some-list-id"}],
                 "success":false,"success_count":0,"success_count_exception_list_items":0,"success_count_exception_lists":0,
                 "success_exception_list_items":false,"success_exception_lists":true}"""),
                importing(newSpace(), "", itemLine("1", "some-list-id")));
    }

    @Test
    void b128_overwriteReplacesListsAndItems() {
        String space = newSpace();
        created(space, LISTS, Fixtures.list("some-list-id"));
        created(space, ITEMS, Fixtures.itemWithEntries("[]").replace("ci-build-hosts", "some-list-id"));

        ObjectNode list = importing(space, "?overwrite=true", listLine("some-list-id"));
        assertEquals(1, list.get("success_count").asInt(), list.toString());
        assertEquals("Query with a rule id", json(in(space).queryParam("list_id", "some-list-id").get(LISTS))
                .get("name").asText());
        // the overwritten list keeps only what the file brings
        assertEquals(0, json(in(space).queryParam("list_id", "some-list-id").get(ITEMS + "/_find")).get("total").asInt());

        importing(space, "", itemLine("kept-item", "some-list-id"));
        ObjectNode item = importing(space, "?overwrite=true", itemLine("kept-item", "some-list-id"));
        assertEquals(1, item.get("success_count").asInt(), item.toString());
        assertEquals(1, item.get("success_count_exception_list_items").asInt());
        ObjectNode skipped = importing(space, "", itemLine("kept-item", "some-list-id"));
        assertEquals("Found that item_id: \"kept-item\" already exists. Import of item_id: \"kept-item\" skipped.",
                skipped.get("errors").get(0).get("error").get("message").asText());
    }

    @Test
    void b129_wrongExtensionAndTooManyObjects() {
        String space = newSpace();
        assertSiemError(upload(space, IMPORT, "exceptions.txt", listLine("x")), 400, "Invalid file extension .txt");
        String tooMany = IntStream.range(0, 10_001).mapToObj(i -> listLine("l" + i)).collect(Collectors.joining("\n"));
        assertSiemError(upload(space, IMPORT, "exceptions.ndjson", tooMany), 500, "Can't import more than 10000 exceptions");
        assertEquals(0, json(in(space).get(LISTS + "/_find")).get("total").asInt());
    }

    @Test
    void badLinesAreReportedAndTheGoodOnesImported() {
        String space = newSpace();
        ObjectNode report = importing(space, "", listLine("good"), "{not json",
                "{\"list_id\":\"bad\",\"name\":\"n\",\"type\":\"firewall\"}",
                "{\"list_id\":\"good\",\"item_id\":\"bad-item\",\"name\":\"n\",\"description\":\"d\",\"type\":\"simple\","
                        + "\"entries\":[{\"field\":\"a\",\"type\":\"nested\",\"entries\":[{\"field\":\"b\",\"type\":\"nested\",\"entries\":[]}]}]}",
                itemLine("good-item", "good"));

        assertEquals(2, report.get("success_count").asInt(), report.toString());
        assertEquals(3, report.get("errors").size(), report.toString());
        assertTrue(report.get("errors").get(0).get("error").get("message").asText().startsWith("line 2 is not JSON"));
        assertEquals(parse("""
                {"error":{"message":"description: Required, type: Invalid enum value. Expected 'detection' | 'rule_default' | 'endpoint' | 'endpoint_trusted_apps' | 'endpoint_trusted_devices' | 'endpoint_events' | 'endpoint_host_isolation_exceptions' | 'endpoint_blocklists', received 'firewall'","status_code":400},"list_id":"bad"}"""),
                report.get("errors").get(1));
        assertEquals(parse("""
                {"error":{"message":"entries.0.entries.0.type: Invalid discriminator value. Expected 'match' | 'match_any' | 'exists'","status_code":400},"item_id":"bad-item","list_id":"good"}"""),
                report.get("errors").get(2));
    }

    @Test
    void asNewListImportsUnderNewListIds() {
        String space = newSpace();
        importing(space, "", listLine("original"), itemLine("original-item", "original"));

        ObjectNode report = importing(space, "?as_new_list=true", listLine("original"), itemLine("original-item", "original"));

        assertEquals(2, report.get("success_count").asInt(), report.toString());
        assertEquals(2, json(in(space).get(LISTS + "/_find")).get("total").asInt());
    }

    @Test
    void b130_exportIsTheListItsItemsAndASummary() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, Fixtures.minimalList());
        ObjectNode item = created(space, ITEMS, Fixtures.minimalItem());

        Response export = in(space).queryParam("id", list.get("id").asText()).queryParam("list_id", "ci-build-hosts")
                .queryParam("namespace_type", "single").queryParam("include_expired_exceptions", "true")
                .post(LISTS + "/_export");

        assertEquals(200, export.statusCode(), export.asString());
        assertEquals("attachment; filename=\"ci-build-hosts\"", export.header("Content-Disposition"));
        assertTrue(export.contentType().startsWith("application/ndjson"), export.contentType());
        String[] lines = export.asString().split("\n");
        assertEquals(3, lines.length);
        assertEquals(list, parse(lines[0]));
        assertEquals(item, parse(lines[1]));
        assertEquals(parse("""
                {"exported_exception_list_count":1,"exported_exception_list_item_count":1,"missing_exception_list_item_count":0,
                 "missing_exception_list_items":[],"missing_exception_lists":[],"missing_exception_lists_count":0}"""),
                parse(lines[2]));
        assertTrue(export.asString().endsWith("\n"));
    }

    @Test
    void b131_exportOfAMissingListIsABadRequest() {
        assertSiemError(in(newSpace()).queryParam("id", "not_exist").queryParam("list_id", "not_exist")
                        .queryParam("namespace_type", "single").post(LISTS + "/_export"), 400,
                "exception list with list_id: not_exist or id: not_exist does not exist");
        assertPlatformError(in(newSpace()).queryParam("id", "x").post(LISTS + "/_export"),
                "[request query]: list_id: Required, namespace_type: Required");
    }

    @Test
    void b132_exportLeavesOutExpiredItemsWhenAsked() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, Fixtures.minimalList());
        created(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"old","description":"d","type":"simple","entries":[],
                 "expire_time":"2020-01-01T00:00:00.000Z"}""");
        created(space, ITEMS, Fixtures.itemWithEntries("[]"));

        String withoutExpired = in(space).queryParam("id", list.get("id").asText()).queryParam("list_id", "ci-build-hosts")
                .queryParam("namespace_type", "single").queryParam("include_expired_exceptions", "false")
                .post(LISTS + "/_export").asString();

        assertEquals(3, withoutExpired.split("\n").length, withoutExpired);
        assertTrue(withoutExpired.contains("\"exported_exception_list_item_count\":1"));
    }

    @Test
    void importExportImportRoundTripsEveryEntryType() {
        String space = newSpace();
        ObjectNode list = created(space, LISTS, """
                {"list_id":"round-trip","name":"Round trip","description":"d","type":"detection","tags":["t"],
                 "os_types":["linux"],"meta":{"m":1}}""");
        created(space, ITEMS, """
                {"list_id":"round-trip","item_id":"every-entry","name":"Every entry","description":"d","type":"simple",
                 "entries":%s,"comments":[{"comment":"why"}],"tags":["x"],"os_types":["windows"],
                 "expire_time":"2031-01-01T00:00:00.000Z","meta":{"k":"v"}}""".formatted(EVERY_ENTRY));
        String first = export(space, list.get("id").asText(), "round-trip");

        String other = newSpace();
        ObjectNode report = json(upload(other, IMPORT, "exceptions.ndjson", first));
        assertEquals(2, report.get("success_count").asInt(), report.toString());
        String otherListId = json(in(other).queryParam("list_id", "round-trip").get(LISTS)).get("id").asText();
        String second = export(other, otherListId, "round-trip");

        String[] before = first.split("\n");
        String[] after = second.split("\n");
        assertEquals(before.length, after.length);
        assertEquals(content(parse(before[0])), content(parse(after[0])));
        assertEquals(content(parse(before[1])), content(parse(after[1])));
        assertEquals(parse(EVERY_ENTRY), parse(after[1]).get("entries"));
        assertEquals(parse(before[1]).get("comments"), parse(after[1]).get("comments"));
        assertEquals(before[2], after[2]);
    }

    @Test
    void b102_duplicateCopiesTheListAndItsItems() {
        String space = newSpace();
        created(space, LISTS, Fixtures.minimalList());
        created(space, ITEMS, Fixtures.minimalItem());
        created(space, ITEMS, """
                {"list_id":"ci-build-hosts","name":"old","description":"d","type":"simple","entries":[],
                 "expire_time":"2020-01-01T00:00:00.000Z"}""");

        ObjectNode copy = json(duplicate(space, "ci-build-hosts", "single", "true"));
        ObjectNode withoutExpired = json(duplicate(space, "ci-build-hosts", "single", "false"));

        ObjectNode shape = withoutGenerated(copy);
        assertTrue(isUuid(shape.remove("list_id").asText()));
        assertEquals(parse("""
                {"created_by":"analyst","description":"Hosts that run our build pipelines","immutable":false,
                 "name":"CI build hosts [Duplicate]","namespace_type":"single","os_types":[],"tags":[],"type":"detection",
                 "updated_by":"analyst","version":1}"""), shape);
        assertEquals(2, json(in(space).queryParam("list_id", copy.get("list_id").asText()).get(ITEMS + "/_find"))
                .get("total").asInt());
        assertEquals(1, json(in(space).queryParam("list_id", withoutExpired.get("list_id").asText())
                .get(ITEMS + "/_find")).get("total").asInt());
        ObjectNode copiedItem = (ObjectNode) json(in(space).queryParam("list_id", copy.get("list_id").asText())
                .queryParam("search", "Runner").get(ITEMS + "/_find")).get("data").get(0);
        assertNotEquals("ci-runner-seven", copiedItem.get("item_id").asText());
        assertEquals(parse(Fixtures.ENTRIES), copiedItem.get("entries"));
    }

    @Test
    void b103_duplicateOfAMissingList() {
        assertSiemError(duplicate(newSpace(), "exception_list_id", "single", "true"), 404,
                "exception list id: \"exception_list_id\" does not exist");
        assertPlatformError(duplicate(newSpace(), "x", "foo", "true"),
                "[request query]: namespace_type: Invalid enum value. Expected 'agnostic' | 'single', received 'foo'");
    }

    @Test
    void b104_theEndpointListIsNotDuplicated() {
        in(newSpace()).post("/api/endpoint_list");
        assertSiemError(duplicate(newSpace(), "endpoint_list", "agnostic", "true"), 405,
                "unable to duplicate exception list with list_id: endpoint_list - action not allowed");
    }

    private static Response duplicate(String space, String listId, String namespaceType, String includeExpired) {
        return in(space).queryParam("list_id", listId).queryParam("namespace_type", namespaceType)
                .queryParam("include_expired_exceptions", includeExpired).post(LISTS + "/_duplicate");
    }

    private static String export(String space, String id, String listId) {
        Response export = in(space).queryParam("id", id).queryParam("list_id", listId)
                .queryParam("namespace_type", "single").post(LISTS + "/_export");
        assertEquals(200, export.statusCode(), export.asString());
        return export.asString();
    }

    /** What a list or item says, without what the server generates. */
    private static JsonNode content(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove(List.of("id", "tie_breaker_id", "created_at", "updated_at", "_version", "created_by", "updated_by"));
        return copy;
    }
}
