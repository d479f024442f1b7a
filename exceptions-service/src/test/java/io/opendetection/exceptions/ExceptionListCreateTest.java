package io.opendetection.exceptions;

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
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionListCreateTest {
    private static final String LISTS = "/api/exception_lists";

    @Test
    void b96_createMinimalList() {
        Response response = post(newSpace(), LISTS, Fixtures.minimalList());

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("""
                {"created_by":"analyst","description":"Hosts that run our build pipelines","immutable":false,
                 "list_id":"ci-build-hosts","name":"CI build hosts","namespace_type":"single","os_types":[],
                 "tags":[],"type":"detection","updated_by":"analyst","version":1}"""), withoutGenerated(json(response)));
    }

    @Test
    void b97_generatedListId() {
        Response response = post(newSpace(), LISTS, """
                {"name":"No id","description":"Gets one","type":"endpoint"}""");

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(isUuid(json(response).get("list_id").asText()));
    }

    @Test
    void b98_duplicateListId() {
        String space = newSpace();
        assertEquals(200, post(space, LISTS, Fixtures.minimalList()).statusCode());

        assertSiemError(post(space, LISTS, Fixtures.minimalList()), 409,
                "exception list id: \"ci-build-hosts\" already exists");
    }

    @Test
    void listIdIsUniquePerSpaceAndAmongAgnosticLists() {
        String listId = "shared-" + newSpace();
        assertEquals(200, post(newSpace(), LISTS, Fixtures.list(listId)).statusCode());
        assertEquals(200, post(newSpace(), LISTS, Fixtures.list(listId)).statusCode());
        assertEquals(200, post(newSpace(), LISTS, Fixtures.agnosticList(listId)).statusCode());

        assertSiemError(post(newSpace(), LISTS, Fixtures.agnosticList(listId)), 409,
                "exception list id: \"" + listId + "\" already exists");
    }

    @Test
    void keepsTheOptionalFieldsGiven() {
        Response response = post(newSpace(), LISTS, """
                {"list_id":"endpoint-scanners","name":"Scanners","description":"Our scanners","type":"endpoint",
                 "namespace_type":"agnostic","os_types":["windows","macos"],"tags":["team:secops"],
                 "meta":{"owner":"secops","reviewed":true},"version":3,"unknown":"dropped"}""");

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(parse("""
                {"created_by":"analyst","description":"Our scanners","immutable":false,"list_id":"endpoint-scanners",
                 "meta":{"owner":"secops","reviewed":true},"name":"Scanners","namespace_type":"agnostic",
                 "os_types":["windows","macos"],"tags":["team:secops"],"type":"endpoint","updated_by":"analyst",
                 "version":3}"""), withoutGenerated(json(response)));
    }

    @Test
    void rejectsMissingRequiredFields() {
        assertPlatformError(post(newSpace(), LISTS, "{}"),
                "[request body]: description: Required, name: Required, type: Required");
    }

    @Test
    void rejectsFieldsOfTheWrongType() {
        assertPlatformError(post(newSpace(), LISTS, """
                {"list_id":5,"name":"n","description":"d","type":"detection"}"""),
                "[request body]: list_id: Expected string, received number");
        assertPlatformError(post(newSpace(), LISTS, """
                {"name":"n","description":"d","type":"detection","tags":"one","meta":[],"version":"2"}"""),
                "[request body]: meta: Expected object, received array, tags: Expected array, received string,"
                        + " version: Expected number, received string");
    }

    @Test
    void rejectsValuesOutsideTheirEnums() {
        assertPlatformError(post(newSpace(), LISTS, """
                {"name":"n","description":"d","type":"firewall","namespace_type":"global","os_types":["solaris"]}"""),
                "[request body]: namespace_type: Invalid enum value. Expected 'agnostic' | 'single', received 'global',"
                        + " os_types.0: Invalid enum value. Expected 'linux' | 'macos' | 'windows', received 'solaris',"
                        + " type: Invalid enum value. Expected 'detection' | 'rule_default' | 'endpoint'"
                        + " | 'endpoint_trusted_apps' | 'endpoint_trusted_devices' | 'endpoint_events'"
                        + " | 'endpoint_host_isolation_exceptions' | 'endpoint_blocklists', received 'firewall'");
    }

    @Test
    void rejectsAVersionBelowOneAndAnEmptyListId() {
        assertPlatformError(post(newSpace(), LISTS, """
                {"list_id":"","name":"n","description":"d","type":"detection","version":0}"""),
                "[request body]: list_id: String must contain at least 1 character(s), list_id: No empty strings allowed,"
                        + " version: Number must be greater than or equal to 1");
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        assertPlatformError(post(newSpace(), LISTS, "[]"), "[request body]: Expected object, received array");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = post(newSpace(), LISTS, "{\"name\": ");

        assertEquals(400, response.statusCode());
        ObjectNode body = json(response);
        assertEquals(400, body.get("statusCode").asInt());
        assertEquals("Bad Request", body.get("error").asText());
        assertTrue(body.get("message").asText().startsWith("Invalid request payload JSON format: "), body.toString());
    }

    @Test
    void withoutATokenTheCallerIsUnauthorized() {
        Response response = given().contentType(ContentType.JSON).body(Fixtures.minimalList()).post(LISTS);

        assertEquals(401, response.statusCode());
    }

    @Test
    void publishesTheCreatedList() {
        String space = newSpace();
        ObjectNode list = json(post(space, LISTS, Fixtures.minimalList()));

        ConsumerRecord<String, String> record = published(Topics.EXCEPTIONS, list.get("id").asText());

        assertCloudEvent(record, EventTypes.EXCEPTION_LIST_CREATED, "ci-build-hosts");
        assertEquals(parse("{\"space\":\"" + space + "\",\"list\":" + list + "}"), parse(record.value()));
    }

    @Test
    void anAgnosticListIsPublishedWithoutASpace() {
        ObjectNode list = json(post(newSpace(), LISTS, Fixtures.agnosticList("agnostic-" + newSpace())));

        ConsumerRecord<String, String> record = published(Topics.EXCEPTIONS, list.get("id").asText());

        assertEquals(parse("{\"space\":null,\"list\":" + list + "}"), parse(record.value()));
    }
}
