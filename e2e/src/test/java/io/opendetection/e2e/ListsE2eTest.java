package io.opendetection.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value lists through the gateway, assertion by assertion of BEHAVIOURS.md B.14 and C.20. */
@ExtendWith(SystemUnderTest.class)
class ListsE2eTest {
    private static final String MINIMAL_LIST = """
            {"description":"some description","id":"some-list-id","name":"some name","type":"ip"}""";
    private static final String HOST_MATCH = """
            {"field":"host.name","operator":"included","type":"match","value":"ci-runner-07"}""";
    private static final String ITEM = """
            {"id":"some-list-item-id","list_id":"some-list-id","value":"127.0.0.1"}""";

    /** The base path of a space of the test's own. */
    private static String newSpace() {
        return "/s/lists-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String spaceName(String base) {
        return base.substring("/s/".length());
    }

    private static String withStorage(String base) {
        Gateway.asAdmin().post(base + "/api/lists/index").then().statusCode(200).body("acknowledged", equalTo(true));
        return base;
    }

    private static RequestSpecification json(String body) {
        return Gateway.asAdmin().contentType("application/json").body(body);
    }

    private static Response upload(String base, String query, String fileName, String content) {
        return Gateway.asAdmin().multiPart("file", fileName, content.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(base + "/api/lists/items/_import" + query);
    }

    @Test
    void b133_aListIsCreatedAfterTheListIndex() {
        String base = newSpace();
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(400)
                .body("message", equalTo("To create a list, the data stream must exist first. Data stream \".lists-"
                        + spaceName(base) + "\" does not exist"));
        withStorage(base);
        Gateway.asAdmin().post(base + "/api/lists/index").then().statusCode(409);
        Gateway.asAdmin().get(base + "/api/lists/index").then().statusCode(200)
                .body("list_index", equalTo(true)).body("list_item_index", equalTo(true));

        Map<String, Object> list = json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(200)
                .extract().jsonPath().getMap("");

        for (String generated : List.of("id", "created_at", "updated_at", "tie_breaker_id", "_version", "@timestamp")) {
            list.remove(generated);
        }
        assertEquals(Map.of("created_by", "elastic", "description", "some description", "immutable", false,
                "name", "some name", "type", "ip", "updated_by", "elastic", "version", 1), list);
        Gateway.asAdmin().queryParam("id", "some-list-id").get(base + "/api/lists").then().statusCode(200)
                .body("name", equalTo("some name"));
    }

    @Test
    void b134_withoutAnIdTheListGetsOne() {
        String base = withStorage(newSpace());

        json("""
                {"description":"some description","name":"some name","type":"ip"}""").post(base + "/api/lists")
                .then().statusCode(200).body("id", notNullValue());
    }

    @Test
    void b135_serializersAreIgnoredWithAWarning() {
        String base = withStorage(newSpace());

        json("""
                {"description":"d","id":"s","name":"n","type":"ip","serializer":"(?<value>.+)"}""").post(base + "/api/lists")
                .then().statusCode(200).header("warning",
                        "The \"serializer\" parameter is not supported and will be ignored. Custom serializers have been removed.");
        json("""
                {"description":"d","id":"d","name":"n","type":"ip","deserializer":"{{value}}"}""").post(base + "/api/lists")
                .then().statusCode(200).header("warning",
                        "The \"deserializer\" parameter is not supported and will be ignored. Custom serializers have been removed.");
    }

    @Test
    void b136_theSameIdTwiceIsAConflict() {
        String base = withStorage(newSpace());
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(200);

        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(409)
                .body("message", equalTo("list id: \"some-list-id\" already exists")).body("status_code", equalTo(409));
    }

    @Test
    void b137_findingLists() {
        String base = withStorage(newSpace());
        Gateway.asAdmin().get(base + "/api/lists/_find").then().statusCode(200)
                .body("cursor", equalTo("WzBd")).body("data.size()", equalTo(0)).body("page", equalTo(1))
                .body("per_page", equalTo(20)).body("total", equalTo(0));
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(200);

        Gateway.asAdmin().get(base + "/api/lists/_find").then().statusCode(200)
                .body("cursor", not(equalTo("WzBd"))).body("data.size()", equalTo(1))
                .body("data[0].id", equalTo("some-list-id")).body("page", equalTo(1)).body("per_page", equalTo(20))
                .body("total", equalTo(1));
    }

    @Test
    void b138_anItemOfAListThatDoesNotExist() {
        String base = withStorage(newSpace());

        json(ITEM).post(base + "/api/lists/items").then().statusCode(404)
                .body("message", equalTo("list id: \"some-list-id\" does not exist")).body("status_code", equalTo(404));
    }

    @Test
    void b139_anItemTakesItsListsType() {
        String base = withStorage(newSpace());
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(200);

        json(ITEM).post(base + "/api/lists/items").then().statusCode(200)
                .body("created_by", equalTo("elastic")).body("list_id", equalTo("some-list-id"))
                .body("type", equalTo("ip")).body("updated_by", equalTo("elastic")).body("value", equalTo("127.0.0.1"));
        json("""
                {"list_id":"some-list-id","value":"127.0.0.2"}""").post(base + "/api/lists/items").then().statusCode(200)
                .body("id", notNullValue());
        json(ITEM).post(base + "/api/lists/items").then().statusCode(409)
                .body("message", equalTo("list item id: \"some-list-item-id\" already exists"));
    }

    @Test
    void b140_importingValues() throws Exception {
        String base = newSpace();
        upload(base, "?type=ip", "list_items.txt", "127.0.0.1\n").then().statusCode(400)
                .body("message", equalTo("To import a list item, the data steam must exist first. Data stream \".lists-"
                        + spaceName(base) + "\" does not exist"));
        withStorage(base);
        upload(base, "?type=ip", "list_items.pdf", "127.0.0.1\n").then().statusCode(415)
                .body("message", equalTo("Unsupported media type. File must be one of the following types: [.csv, .txt]"))
                .body("status_code", equalTo(415));

        upload(base, "?type=ip", "list_items.txt", "127.0.0.1\n127.0.0.2\n").then().statusCode(200)
                .contentType(equalTo("application/json; charset=utf-8"))
                .body("id", equalTo("list_items.txt")).body("name", equalTo("list_items.txt"))
                .body("description", equalTo("File uploaded from file system of list_items.txt"))
                .body("type", equalTo("ip")).body("immutable", equalTo(false)).body("version", equalTo(1));
        upload(base, "?type=ip&serializer=(?<value>.+)", "other.txt", "10.0.0.1\n").then().statusCode(200)
                .header("warning", "The \"serializer\" query parameter is not supported and will be ignored."
                        + " Custom serializers have been removed.");
    }

    @Test
    void b140_anImportOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        String base = withStorage(newSpace());
        SystemUnderTest.Endpoints system = SystemUnderTest.endpoints();
        URI gateway = URI.create(system.gatewayUrl());
        String credentials = Base64.getEncoder().encodeToString(("elastic:" + system.elasticPassword())
                .getBytes(StandardCharsets.UTF_8));

        // only the head of a request declaring one byte more than the limit: the answer must not wait for the body
        String answer;
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + base + "/api/lists/items/_import?type=ip HTTP/1.1\r\n"
                    + "Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n"
                    + "Authorization: Basic " + credentials + "\r\nkbn-xsrf: true\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 524288001\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = readAnswer(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer to an import declaring more than the limit", e);
        }

        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.endsWith("{\"statusCode\":413,\"error\":\"Request Entity Too Large\","
                + "\"message\":\"Payload content length greater than maximum allowed: 524288000\"}"), answer);
    }

    /** One HTTP/1.1 answer with a Content-Length body, as text, without waiting for the connection to close. */
    private static String readAnswer(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void b141_readingByValueGivesAnArray() {
        String base = withStorage(newSpace());
        upload(base, "?type=ip", "list_items.txt", "127.0.0.1\n").then().statusCode(200);

        Gateway.asAdmin().queryParam("list_id", "list_items.txt").queryParam("value", "127.0.0.1")
                .get(base + "/api/lists/items").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].list_id", equalTo("list_items.txt"))
                .body("[0].type", equalTo("ip")).body("[0].value", equalTo("127.0.0.1"));
    }

    @Test
    void b142_exportGivesOneValuePerLineNamedAfterTheList() {
        String base = withStorage(newSpace());
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(200);
        json(ITEM).post(base + "/api/lists/items").then().statusCode(200);

        Response exported = Gateway.asAdmin().queryParam("list_id", "some-list-id").post(base + "/api/lists/items/_export");

        exported.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"some name\"")
                .contentType(startsWith("application/ndjson"));
        assertEquals("127.0.0.1\n", exported.asString());
    }

    @Test
    void b143_deletingAListThatDoesNotExist() {
        String base = withStorage(newSpace());

        Gateway.asAdmin().queryParam("id", "c1e1b359-7ac1-4e96-bc81-c683c092436f").delete(base + "/api/lists").then()
                .statusCode(404).body("message", equalTo("list id: \"c1e1b359-7ac1-4e96-bc81-c683c092436f\" was not found"))
                .body("status_code", equalTo(404));
    }

    /** C.20 in one pass: storage first, conflicts, import returning the list, export, an empty find. */
    @Test
    void c20_theLifeOfAValueList() {
        String base = newSpace();
        json(MINIMAL_LIST).post(base + "/api/lists").then().statusCode(400);
        withStorage(base);
        Gateway.asAdmin().get(base + "/api/lists/_find").then().statusCode(200).body("cursor", equalTo("WzBd"))
                .body("total", equalTo(0));
        json(ITEM).post(base + "/api/lists/items").then().statusCode(404)
                .body("message", equalTo("list id: \"some-list-id\" does not exist"));

        upload(base, "?type=keyword", "users.csv", "root\nadmin\n").then().statusCode(200).body("id", equalTo("users.csv"));
        json("""
                {"id":"users.csv","name":"n","description":"d","type":"keyword"}""").post(base + "/api/lists").then()
                .statusCode(409).body("message", equalTo("list id: \"users.csv\" already exists"));

        Response exported = Gateway.asAdmin().queryParam("list_id", "users.csv").post(base + "/api/lists/items/_export");
        exported.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"users.csv\"");
        assertEquals("root\nadmin\n", exported.asString());

        Gateway.asAdmin().queryParam("id", "users.csv").delete(base + "/api/lists").then().statusCode(200);
        Gateway.asAdmin().delete(base + "/api/lists/index").then().statusCode(200);
        Gateway.asAdmin().get(base + "/api/lists/index").then().statusCode(404);
    }

    @Test
    void anImportWithBadLinesKeepsTheGoodOnesAndNamesTheBad() {
        String base = withStorage(newSpace());

        Response imported = upload(base, "?type=ip", "mixed.txt", "127.0.0.1\nnot-an-ip\n10.0.0.1\n");

        imported.then().statusCode(200);
        assertEquals(List.of("1 of 3 values were not imported: they are not of the list's type (ip)",
                "line 2: \"not-an-ip\" is not a valid ip"), imported.headers().getValues("warning"));
        assertEquals("127.0.0.1\n10.0.0.1\n", Gateway.asAdmin().queryParam("list_id", "mixed.txt")
                .post(base + "/api/lists/items/_export").asString());
    }

    @Test
    void everyListTypeRoundTripsImportToExport() {
        String base = withStorage(newSpace());
        Map<String, String> files = Map.ofEntries(
                Map.entry("ip", "127.0.0.1\n2001:db8::1\n"),
                Map.entry("ip_range", "10.0.0.0/8\n192.168.0.1-192.168.0.9\n172.16.0.1\n"),
                Map.entry("keyword", "root\nadmin user\n"),
                Map.entry("text", "some text\n"),
                Map.entry("binary", "aGVsbG8=\n"),
                Map.entry("boolean", "true\nfalse\n"),
                Map.entry("byte", "-128\n127\n"),
                Map.entry("short", "32767\n"),
                Map.entry("integer", "2147483647\n"),
                Map.entry("long", "9223372036854775807\n"),
                Map.entry("float", "1.5\n"),
                Map.entry("half_float", "0.5\n"),
                Map.entry("double", "3.14159\n"),
                Map.entry("date", "2020-01-01T00:00:00.000Z\n1577836800000\n"),
                Map.entry("date_range", "2020-01-01,2020-12-31\n"),
                Map.entry("date_nanos", "2020-01-01T00:00:00.123456789Z\n"),
                Map.entry("double_range", "0.5-1.5\n"),
                Map.entry("float_range", "1-2\n"),
                Map.entry("integer_range", "1-10\n"),
                Map.entry("long_range", "100-200\n"),
                Map.entry("geo_point", "41.12,-71.34\n"),
                Map.entry("geo_shape", "POINT (30 10)\n"),
                Map.entry("shape", "LINESTRING (30 10, 10 30, 40 40)\n"));
        files.forEach((type, content) -> {
            upload(base, "?type=" + type, type + ".txt", content).then().statusCode(200).body("type", equalTo(type));

            assertEquals(content, Gateway.asAdmin().queryParam("list_id", type + ".txt")
                    .post(base + "/api/lists/items/_export").asString(), type + " does not round-trip");
        });
    }

    // ---- deleting a list named by exception items (Kibana's deleteReferences and ignoreReferences)

    /** A space with storage, the ip list {@code scanners} and, in the detection list {@code hosts}, the items
     * {@code mixed} (naming the list and matching a host) and {@code only} (naming the list alone). */
    private static String spaceWithReferencedList() {
        String base = withStorage(newSpace());
        json("""
                {"id":"scanners","name":"Scanners","description":"Our scanners","type":"ip"}""").post(base + "/api/lists")
                .then().statusCode(200);
        json("""
                {"list_id":"hosts","name":"Hosts","description":"d","type":"detection"}""")
                .post(base + "/api/exception_lists").then().statusCode(200);
        String item = """
                {"list_id":"hosts","item_id":"%s","name":"n","description":"d","type":"simple","entries":[%s]}""";
        String listEntry = """
                {"field":"source.ip","list":{"id":"scanners","type":"ip"},"operator":"excluded","type":"list"}""";
        json(item.formatted("mixed", listEntry + "," + HOST_MATCH)).post(base + "/api/exception_lists/items").then()
                .statusCode(200);
        json(item.formatted("only", listEntry)).post(base + "/api/exception_lists/items").then().statusCode(200);
        return base;
    }

    private static JsonNode read(Response response) {
        return parse(response.asString());
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response exceptionItem(String base, String itemId) {
        return Gateway.asAdmin().queryParam("item_id", itemId).get(base + "/api/exception_lists/items");
    }

    @Test
    void aListNamedByExceptionItemsIsAConflictNamingEachItemAndItsList() {
        String base = spaceWithReferencedList();
        JsonNode mixed = read(exceptionItem(base, "mixed"));
        JsonNode only = read(exceptionItem(base, "only"));
        JsonNode hosts = read(Gateway.asAdmin().queryParam("list_id", "hosts").get(base + "/api/exception_lists"));

        Response refused = Gateway.asAdmin().queryParam("id", "scanners").delete(base + "/api/lists");

        assertEquals(409, refused.statusCode(), refused.asString());
        JsonNode body = read(refused);
        assertEquals(409, body.get("status_code").asInt());
        JsonNode error = body.get("message").get("error");
        assertEquals("Value list 'scanners' is referenced in existing exception list(s)", error.get("message").asText());
        assertEquals("scanners", error.get("value_list_id").asText());
        assertEquals(Set.of(mixed, only), Set.of(error.get("references").get(0).get("exception_item"),
                error.get("references").get(1).get("exception_item")));
        assertEquals(hosts, error.get("references").get(0).get("exception_list"));
        assertEquals(hosts, error.get("references").get(1).get("exception_list"));
        assertEquals(3, body.get("message").get("error").size());
        Gateway.asAdmin().queryParam("id", "scanners").get(base + "/api/lists").then().statusCode(200);
        assertEquals(mixed, read(exceptionItem(base, "mixed")));
    }

    @Test
    void deleteReferencesTakesTheEntriesNamingTheListAndItemsLeftEmpty() {
        String base = spaceWithReferencedList();

        Gateway.asAdmin().queryParam("id", "scanners").queryParam("deleteReferences", "true")
                .delete(base + "/api/lists").then().statusCode(200).body("id", equalTo("scanners"));

        Gateway.asAdmin().queryParam("id", "scanners").get(base + "/api/lists").then().statusCode(404);
        Response mixed = exceptionItem(base, "mixed");
        assertEquals(200, mixed.statusCode(), mixed.asString());
        assertEquals(parse("[" + HOST_MATCH + "]"), read(mixed).get("entries"));
        exceptionItem(base, "only").then().statusCode(404);
    }

    @Test
    void ignoreReferencesDeletesTheListAndLeavesTheItems() {
        String base = spaceWithReferencedList();
        JsonNode only = read(exceptionItem(base, "only"));

        Gateway.asAdmin().queryParam("id", "scanners").queryParam("ignoreReferences", "true")
                .delete(base + "/api/lists").then().statusCode(200).body("id", equalTo("scanners"));

        Gateway.asAdmin().queryParam("id", "scanners").get(base + "/api/lists").then().statusCode(404);
        assertEquals(only, read(exceptionItem(base, "only")));
    }
}
