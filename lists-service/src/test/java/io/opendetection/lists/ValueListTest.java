package io.opendetection.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.opendetection.lists.ListsApi.assertCloudEvent;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.testkit.ServiceApi.isUuid;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.published;
import static io.opendetection.lists.ListsApi.withoutGenerated;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class ValueListTest {
    private static final String LISTS = "/api/lists";
    private static final String SCANNER_IPS = """
            {"id":"scanner-ips","name":"Scanner addresses","description":"Where our vulnerability scans come from","type":"ip"}""";

    /** A space whose value-list storage exists. */
    private static String spaceWithStorage() {
        String space = newSpace();
        assertEquals(200, in(space).post("/api/lists/index").statusCode());
        return space;
    }

    @Test
    void b133_createMinimalList() {
        Response response = post(spaceWithStorage(), LISTS, SCANNER_IPS);

        assertEquals(200, response.statusCode(), response.asString());
        ObjectNode list = json(response);
        assertEquals("scanner-ips", list.get("id").asText());
        assertEquals(list.get("created_at"), list.get("@timestamp"));
        assertEquals(parse("""
                {"created_by":"analyst","description":"Where our vulnerability scans come from","immutable":false,
                 "name":"Scanner addresses","type":"ip","updated_by":"analyst","version":1}"""), withoutGenerated(list));
    }

    @Test
    void b133_listsNeedTheSpacesStorageFirst() {
        String space = newSpace();

        assertSiemError(post(space, LISTS, SCANNER_IPS), 400,
                "To create a list, the data stream must exist first. Data stream \".lists-" + space + "\" does not exist");
    }

    @Test
    void b134_generatedId() {
        Response response = post(spaceWithStorage(), LISTS, """
                {"name":"Build hosts","description":"Hosts of the build farm","type":"keyword"}""");

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(isUuid(json(response).get("id").asText()));
    }

    @Test
    void b135_serializersAreIgnoredWithAWarning() {
        String space = spaceWithStorage();
        Response serializer = post(space, LISTS, """
                {"id":"with-serializer","name":"n","description":"d","type":"ip","serializer":"(?<value>.+)"}""");
        Response deserializer = post(space, LISTS, """
                {"id":"with-deserializer","name":"n","description":"d","type":"ip","deserializer":"{{value}}"}""");

        assertEquals(200, serializer.statusCode(), serializer.asString());
        assertEquals("The \"serializer\" parameter is not supported and will be ignored. Custom serializers have been removed.",
                serializer.header("warning"));
        assertNull(json(serializer).get("serializer"));
        assertEquals(200, deserializer.statusCode(), deserializer.asString());
        assertEquals("The \"deserializer\" parameter is not supported and will be ignored. Custom serializers have been removed.",
                deserializer.header("warning"));
        assertNull(post(space, LISTS, SCANNER_IPS).header("warning"));
    }

    @Test
    void b136_duplicateId() {
        String space = spaceWithStorage();
        assertEquals(200, post(space, LISTS, SCANNER_IPS).statusCode());

        assertSiemError(post(space, LISTS, SCANNER_IPS), 409, "list id: \"scanner-ips\" already exists");
    }

    @Test
    void keepsTheOptionalFieldsGiven() {
        Response response = post(spaceWithStorage(), LISTS, """
                {"id":"ranges","name":"Office ranges","description":"Office networks","type":"ip_range",
                 "meta":{"site":"lisbon"},"version":4}""");

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("{\"site\":\"lisbon\"}"), json(response).get("meta"));
        assertEquals(4, json(response).get("version").asInt());
    }

    @Test
    void readsAList() {
        String space = spaceWithStorage();
        ObjectNode created = json(post(space, LISTS, SCANNER_IPS));

        Response read = in(space).queryParam("id", "scanner-ips").get(LISTS);

        assertEquals(200, read.statusCode(), read.asString());
        assertEquals(created, json(read));
    }

    @Test
    void readingAMissingListIsNotFound() {
        assertSiemError(in(spaceWithStorage()).queryParam("id", "no-such-list").get(LISTS), 404,
                "list id: \"no-such-list\" not found");
    }

    @Test
    void readingWithoutAnIdIsABadRequest() {
        assertPlatformError(in(newSpace()).get(LISTS), "[request query]: id: Required");
    }

    @Test
    void listsBelongToTheirSpace() {
        String space = spaceWithStorage();
        assertEquals(200, post(space, LISTS, SCANNER_IPS).statusCode());
        String other = spaceWithStorage();

        assertEquals(404, in(other).queryParam("id", "scanner-ips").get(LISTS).statusCode());
        assertEquals(200, post(other, LISTS, SCANNER_IPS).statusCode());
    }

    @Test
    void rejectsInvalidBodies() {
        String space = spaceWithStorage();
        assertPlatformError(post(space, LISTS, "{}"), "[request body]: description: Required, name: Required, type: Required");
        assertPlatformError(post(space, LISTS, """
                {"id":7,"name":" ","description":"d","type":"cidr","version":1.5,"meta":"x"}"""),
                "[request body]: id: Expected string, received number, meta: Expected object, received string,"
                        + " name: No empty strings allowed,"
                        + " type: Invalid enum value. Expected 'binary' | 'boolean' | 'byte' | 'date' | 'date_nanos'"
                        + " | 'date_range' | 'double' | 'double_range' | 'float' | 'float_range' | 'geo_point'"
                        + " | 'geo_shape' | 'half_float' | 'integer' | 'integer_range' | 'ip' | 'ip_range' | 'keyword'"
                        + " | 'long' | 'long_range' | 'shape' | 'short' | 'text', received 'cidr',"
                        + " version: Expected integer, received float");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = post(spaceWithStorage(), LISTS, "{\"id\":");

        assertEquals(400, response.statusCode());
        assertEquals("Bad Request", json(response).get("error").asText());
        assertTrue(json(response).get("message").asText().startsWith("Invalid request payload JSON format: "));
    }

    @Test
    void withoutATokenTheCallerIsUnauthorized() {
        assertEquals(401, given().contentType(ContentType.JSON).body(SCANNER_IPS).post(LISTS).statusCode());
    }

    @Test
    void publishesTheCreatedList() {
        String space = spaceWithStorage();
        String id = "published-" + space;
        ObjectNode list = json(post(space, LISTS, """
                {"id":"%s","name":"n","description":"d","type":"keyword"}""".formatted(id)));

        ConsumerRecord<String, String> record = published(Topics.LISTS, id);

        assertCloudEvent(record, EventTypes.VALUE_LIST_CREATED, id);
        assertEquals(parse("{\"space\":\"" + space + "\",\"list\":" + list + "}"), parse(record.value()));
    }
}
