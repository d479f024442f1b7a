package io.opendetection.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.ServiceApi;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class ListImportExportTest {
    private static final String IMPORT = "/api/lists/items/_import";
    private static final String EXPORT = "/api/lists/items/_export";

    private static RequestSpecification uploading(String space) {
        return given().header("Authorization", TestTokens.bearer(ListsApi.USER, Set.of("superuser"), space));
    }

    private static Response upload(String space, String query, String fileName, String content) {
        return uploading(space).multiPart("file", fileName, content.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(IMPORT + query);
    }

    private static String spaceWithStorage() {
        String space = newSpace();
        assertEquals(200, in(space).post("/api/lists/index").statusCode());
        return space;
    }

    private static String export(String space, String listId) {
        Response exported = in(space).queryParam("list_id", listId).post(EXPORT);
        assertEquals(200, exported.statusCode(), exported.asString());
        return exported.asString();
    }

    @Test
    void b140_importingWithoutStorageIsRefused() {
        String space = newSpace();

        assertSiemError(upload(space, "?type=ip", "list_items.txt", "127.0.0.1\n"), 400,
                "To import a list item, the data steam must exist first. Data stream \".lists-" + space + "\" does not exist");
    }

    @Test
    void b140_onlyTextAndCsvFiles() {
        assertSiemError(upload(spaceWithStorage(), "?type=ip", "list_items.pdf", "127.0.0.1\n"), 415,
                "Unsupported media type. File must be one of the following types: [.csv, .txt]");
    }

    @Test
    void b140_importCreatesAListNamedAfterTheFile() {
        String space = spaceWithStorage();

        Response imported = upload(space, "?type=ip", "list_items.txt", "127.0.0.1\n127.0.0.2\n");

        assertEquals(200, imported.statusCode(), imported.asString());
        assertEquals("application/json; charset=utf-8", imported.contentType());
        ObjectNode list = json(imported);
        assertEquals("list_items.txt", list.get("id").asText());
        assertEquals("list_items.txt", list.get("name").asText());
        assertEquals("File uploaded from file system of list_items.txt", list.get("description").asText());
        assertEquals("ip", list.get("type").asText());
        assertEquals(false, list.get("immutable").asBoolean());
        assertEquals(1, list.get("version").asInt());
        assertEquals("127.0.0.1\n127.0.0.2\n", export(space, "list_items.txt"));
    }

    @Test
    void b140_serializersAreIgnoredWithAWarning() {
        Response imported = upload(spaceWithStorage(), "?type=ip&serializer=x&deserializer=y", "list_items.txt", "127.0.0.1\n");

        assertEquals(200, imported.statusCode(), imported.asString());
        assertEquals(List.of(
                "The \"serializer\" query parameter is not supported and will be ignored. Custom serializers have been removed.",
                "The \"deserializer\" query parameter is not supported and will be ignored. Custom serializers have been removed."),
                imported.headers().getValues("warning"));
    }

    @Test
    void importsIntoAnExistingList() {
        String space = ListItemTest.spaceWithList("keyword");
        post(space, "/api/lists/items", "{\"list_id\":\"some-list-id\",\"value\":\"first\"}");

        Response imported = upload(space, "?list_id=some-list-id", "whatever.csv", "second\r\nthird\r\n");

        assertEquals(200, imported.statusCode(), imported.asString());
        assertEquals("some-list-id", json(imported).get("id").asText());
        assertEquals("first\nsecond\nthird\n", export(space, "some-list-id"));
    }

    @Test
    void importedItemsAreReadChangedAndDeletedByTheirIds() {
        String space = spaceWithStorage();
        assertEquals(200, upload(space, "?type=keyword", "users.txt", "carol\nalice\nbob\n").statusCode());

        Response found = in(space).queryParam("list_id", "users.txt").queryParam("per_page", 2).get("/api/lists/items/_find");
        assertEquals(200, found.statusCode(), found.asString());
        ObjectNode first = (ObjectNode) json(found).get("data").get(0);
        String id = first.get("id").asText();
        assertTrue(ServiceApi.isUuid(id), id);
        assertTrue(ServiceApi.isUuid(first.get("tie_breaker_id").asText()), first.toString());
        Response rest = in(space).queryParam("list_id", "users.txt").queryParam("per_page", 2).queryParam("page", 2)
                .queryParam("cursor", json(found).get("cursor").asText()).get("/api/lists/items/_find");
        assertEquals(1, json(rest).get("data").size(), rest.asString());
        Set<String> ids = Set.of(id, json(found).get("data").get(1).get("id").asText(),
                json(rest).get("data").get(0).get("id").asText());
        assertEquals(3, ids.size(), ids.toString());

        Response read = in(space).queryParam("id", id).get("/api/lists/items");
        assertEquals(200, read.statusCode(), read.asString());
        assertEquals(first, json(read));
        Response filtered = in(space).queryParam("list_id", "users.txt").queryParam("filter", "id: \"" + id + "\"")
                .get("/api/lists/items/_find");
        assertEquals(1, json(filtered).get("total").asInt(), filtered.asString());

        Response patched = in(space).contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"value\":\"dave\"}").patch("/api/lists/items");
        assertEquals(200, patched.statusCode(), patched.asString());
        assertEquals(id, json(patched).get("id").asText());
        assertEquals("dave", json(in(space).queryParam("id", id).get("/api/lists/items")).get("value").asText());

        assertEquals(200, in(space).queryParam("id", id).delete("/api/lists/items").statusCode());
        assertSiemError(in(space).queryParam("id", id).get("/api/lists/items"), 404,
                "list item id: \"" + id + "\" does not exist");
        // an imported item's id names it in its own space only
        assertEquals(404, in(spaceWithStorage()).queryParam("id", ids.stream().filter(other -> !other.equals(id))
                .findFirst().orElseThrow()).get("/api/lists/items").statusCode());
        // and cannot be taken by an item added on its own
        assertSiemError(post(space, "/api/lists/items", "{\"list_id\":\"users.txt\",\"value\":\"erin\",\"id\":\""
                + id + "\"}"), 400, "id: \"" + id + "\" has the form of the ids given to imported items; choose another id");
        assertEquals("alice\nbob\n", export(space, "users.txt").lines().sorted()
                .reduce("", (all, line) -> all + line + "\n"));
    }

    @Test
    void badLinesAreReportedAndTheGoodOnesStored() {
        String space = spaceWithStorage();

        Response imported = upload(space, "?type=ip", "mixed.txt", "127.0.0.1\nnot-an-ip\n\n10.0.0.1\n300.1.1.1\n");

        assertEquals(200, imported.statusCode(), imported.asString());
        assertEquals(List.of("2 of 4 values were not imported: they are not of the list's type (ip)",
                        "line 2: \"not-an-ip\" is not a valid ip", "line 5: \"300.1.1.1\" is not a valid ip"),
                imported.headers().getValues("warning"));
        assertEquals("127.0.0.1\n10.0.0.1\n", export(space, "mixed.txt"));
    }

    @Test
    void refusesWhatCannotBeImported() {
        String space = spaceWithStorage();

        assertSiemError(upload(space, "", "list_items.txt", "127.0.0.1\n"), 400,
                "Either type or list_id need to be defined in the query");
        assertSiemError(upload(space, "?list_id=missing", "list_items.txt", "127.0.0.1\n"), 409,
                "list id: \"missing\" does not exist");
        assertSiemError(upload(space, "?type=ip", "empty.txt", "\n\n"), 400,
                "The file \"empty.txt\" holds no values to import");
        assertPlatformError(upload(space, "?type=cidr", "list_items.txt", "127.0.0.1\n"),
                "[request query]: type: Invalid enum value. Expected 'binary' | 'boolean' | 'byte' | 'date' | 'date_nanos'"
                        + " | 'date_range' | 'double' | 'double_range' | 'float' | 'float_range' | 'geo_point'"
                        + " | 'geo_shape' | 'half_float' | 'integer' | 'integer_range' | 'ip' | 'ip_range' | 'keyword'"
                        + " | 'long' | 'long_range' | 'shape' | 'short' | 'text', received 'cidr'");
        assertSiemError(uploading(space).contentType("text/plain").body("127.0.0.1").post(IMPORT + "?type=ip"), 400,
                "To import a list item, the file name must be specified");
        assertEquals(404, in(space).queryParam("id", "empty.txt").get("/api/lists").statusCode(),
                "a refused import leaves no list behind");
    }

    @Test
    void b142_exportsOneValuePerLineNamedAfterTheList() {
        String space = ListItemTest.spaceWithList("ip");
        post(space, "/api/lists/items", "{\"list_id\":\"some-list-id\",\"value\":\"127.0.0.1\"}");

        Response exported = in(space).queryParam("list_id", "some-list-id").post(EXPORT);

        assertEquals(200, exported.statusCode(), exported.asString());
        assertEquals("attachment; filename=\"some name\"", exported.header("Content-Disposition"));
        assertTrue(exported.contentType().startsWith("application/ndjson"), exported.contentType());
        assertEquals("127.0.0.1\n", exported.asString());
    }

    @Test
    void exportingAMissingListIsABadRequest() {
        String space = spaceWithStorage();

        assertSiemError(in(space).queryParam("list_id", "nope").post(EXPORT), 400, "list_id: nope does not exist");
        assertPlatformError(in(space).post(EXPORT), "[request query]: list_id: Required");
    }

    @Test
    void everyTypeRoundTripsImportToExport() {
        String space = spaceWithStorage();
        String[][] files = {
                {"ip", "127.0.0.1\n2001:db8::1\n"},
                {"ip_range", "10.0.0.0/8\n192.168.0.1-192.168.0.9\n172.16.0.1\n"},
                {"keyword", "root\nadmin user\n"},
                {"text", "some text\nmore text\n"},
                {"binary", "aGVsbG8=\nd29ybGQ=\n"},
                {"boolean", "true\nfalse\n"},
                {"byte", "-128\n127\n"},
                {"short", "-32768\n32767\n"},
                {"integer", "-5\n2147483647\n"},
                {"long", "9223372036854775807\n-1\n"},
                {"float", "1.5\n-0.25\n"},
                {"half_float", "0.5\n2\n"},
                {"double", "3.14159\n1e10\n"},
                {"date", "2020-01-01T00:00:00.000Z\n1577836800000\n"},
                {"date_range", "2020-01-01,2020-12-31\n2021-06-01\n"},
                {"date_nanos", "2020-01-01T00:00:00.123456789Z\n"},
                {"double_range", "0.5-1.5\n-3--1\n"},
                {"float_range", "1-2\n"},
                {"integer_range", "1-10\n-10--1\n"},
                {"long_range", "100-200\n"},
                {"geo_point", "41.12,-71.34\nPOINT (-71.34 41.12)\n"},
                {"geo_shape", "POINT (30 10)\nPOLYGON ((30 10, 40 40, 20 40, 10 20, 30 10))\n"},
                {"shape", "LINESTRING (30 10, 10 30, 40 40)\n"}};
        for (String[] file : files) {
            String name = file[0] + ".txt";
            Response imported = upload(space, "?type=" + file[0], name, file[1]);
            assertEquals(200, imported.statusCode(), file[0] + ": " + imported.asString());
            assertEquals(null, imported.header("warning"), file[0] + " refused values");

            assertEquals(file[1], export(space, name), file[0] + " does not round-trip");
        }
    }
}
