package io.opendetection.exceptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.testkit.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.exceptions.ExceptionsApi.in;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.exceptions.ExceptionsApi.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ListsServiceStandIn.class)
class ExceptionListReadTest {
    private static final String LISTS = "/api/exception_lists";
    private static final String MISSING_ID = "6f1f0b5e-3c2d-4d8e-9a41-0c7a2b9e5d13";

    @Test
    void readsAListByIdOrByListId() {
        String space = newSpace();
        ObjectNode created = json(post(space, LISTS, Fixtures.minimalList()));

        Response byId = in(space).queryParam("id", created.get("id").asText()).get(LISTS);
        Response byListId = in(space).queryParam("list_id", "ci-build-hosts").queryParam("namespace_type", "single")
                .get(LISTS);

        assertEquals(200, byId.statusCode(), byId.asString());
        assertEquals(created, json(byId));
        assertEquals(200, byListId.statusCode(), byListId.asString());
        assertEquals(created, json(byListId));
    }

    @Test
    void readWithoutIdentifierIsABadRequest() {
        assertSiemError(in(newSpace()).get(LISTS), 400, "id or list_id required");
    }

    @Test
    void missingListIsNamedByTheIdentifierUsed() {
        String space = newSpace();
        assertSiemError(in(space).queryParam("id", MISSING_ID).get(LISTS), 404,
                "exception list id: \"" + MISSING_ID + "\" does not exist");
        assertSiemError(in(space).queryParam("id", "not-a-uuid").get(LISTS), 404,
                "exception list id: \"not-a-uuid\" does not exist");
        assertSiemError(in(space).queryParam("list_id", "no-such-list").get(LISTS), 404,
                "exception list list_id: \"no-such-list\" does not exist");
    }

    @Test
    void rejectsAnUnknownNamespaceType() {
        assertPlatformError(in(newSpace()).queryParam("list_id", "x").queryParam("namespace_type", "blob").get(LISTS),
                "[request query]: namespace_type.0: Invalid enum value. Expected 'agnostic' | 'single', received 'blob'");
    }

    @Test
    void b146_singleListIsVisibleOnlyInItsSpace() {
        String owner = newSpace();
        ObjectNode created = json(post(owner, LISTS, Fixtures.minimalList()));
        String other = newSpace();

        assertSiemError(in(other).queryParam("list_id", "ci-build-hosts").get(LISTS), 404,
                "exception list list_id: \"ci-build-hosts\" does not exist");
        assertSiemError(in(other).queryParam("id", created.get("id").asText()).get(LISTS), 404,
                "exception list id: \"" + created.get("id").asText() + "\" does not exist");
    }

    @Test
    void b146_agnosticListIsVisibleFromEverySpace() {
        String listId = "agnostic-" + newSpace();
        ObjectNode created = json(post(newSpace(), LISTS, Fixtures.agnosticList(listId)));

        Response fromElsewhere = in(newSpace()).queryParam("list_id", listId).queryParam("namespace_type", "agnostic")
                .get(LISTS);

        assertEquals(200, fromElsewhere.statusCode(), fromElsewhere.asString());
        assertEquals(created, json(fromElsewhere));
        // Asked for as a single list, it is not one.
        assertEquals(404, in(newSpace()).queryParam("list_id", listId).get(LISTS).statusCode());
    }
}
