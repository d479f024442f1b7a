package io.opendetection.lists;

import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class ListIndexTest {
    private static final String INDEX = "/api/lists/index";

    @Test
    void b133_createsTheSpacesListStorage() {
        String space = newSpace();

        Response created = in(space).post(INDEX);
        Response status = in(space).get(INDEX);

        assertEquals(200, created.statusCode(), created.asString());
        assertEquals(parse("{\"acknowledged\":true}"), json(created));
        assertEquals(200, status.statusCode(), status.asString());
        assertEquals(parse("{\"list_index\":true,\"list_item_index\":true}"), json(status));
    }

    @Test
    void creatingItTwiceIsAConflict() {
        String space = newSpace();
        assertEquals(200, in(space).post(INDEX).statusCode());

        assertSiemError(in(space).post(INDEX), 409,
                "data stream: \".lists-" + space + "\" and \".items-" + space + "\" already exists");
    }

    @Test
    void aSpaceWithoutStorageHasNone() {
        String space = newSpace();

        assertSiemError(in(space).get(INDEX), 404,
                "data stream \".lists-" + space + "\" and data stream \".items-" + space + "\" does not exist");
    }

    @Test
    void eachSpaceHasItsOwnStorage() {
        String space = newSpace();
        assertEquals(200, in(space).post(INDEX).statusCode());

        assertEquals(404, in(newSpace()).get(INDEX).statusCode());
    }

    @Test
    void withoutATokenTheCallerIsUnauthorized() {
        assertEquals(401, given().post(INDEX).statusCode());
        assertEquals(401, given().get(INDEX).statusCode());
    }
}
