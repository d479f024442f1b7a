package io.opendetection.lists;

import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.assertPlatformError;
import static io.opendetection.testkit.ServiceApi.assertSiemError;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.newSpace;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Membership answered by PostgreSQL (in-memory indexes off); {@link InternalValueListIndexedTest} asks the same of the indexes. */
@QuarkusTest
@TestProfile(InternalValueListTest.PostgresAnswers.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class InternalValueListTest {
    static final String INTERNAL = "/internal/value-lists/";

    public static class PostgresAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("detection.lists.membership-cache-bytes", "0");
        }
    }

    static String spaceWithList(String type, String... values) {
        String space = ListItemTest.spaceWithList(type);
        for (String value : values) {
            assertEquals(200, post(space, "/api/lists/items",
                    "{\"list_id\":\"some-list-id\",\"value\":\"" + value + "\"}").statusCode());
        }
        return space;
    }

    /** Asks which of {@code values} (a JSON array) are in the space's list some-list-id. */
    protected Response match(String space, String values) {
        return in(space).body("{\"values\":" + values + "}").post(INTERNAL + "some-list-id/_match");
    }

    @Test
    void readsAListAsThePublicApiDoes() {
        String space = spaceWithList("ip");

        Response internal = in(space).get(INTERNAL + "some-list-id");

        assertEquals(200, internal.statusCode(), internal.asString());
        assertEquals(json(in(space).queryParam("id", "some-list-id").get("/api/lists")), json(internal));
        assertSiemError(in(space).get(INTERNAL + "nope"), 404, "list id: \"nope\" does not exist");
    }

    @Test
    void addressesMatchAsEqualOrInsideARange() {
        String space = spaceWithList("ip_range", "127.0.0.1", "10.0.0.0/8", "192.168.1.10-192.168.1.20", "2001:db8::1");

        Response matched = match(space, """
                ["127.0.0.1","127.0.0.2","10.200.3.4","11.0.0.0","192.168.1.15","192.168.1.21","2001:DB8:0::1",
                 "not-an-ip","10.0.0.1"]""");

        assertEquals(200, matched.statusCode(), matched.asString());
        assertEquals(parse("{\"matches\":[\"127.0.0.1\",\"10.200.3.4\",\"192.168.1.15\",\"2001:DB8:0::1\",\"10.0.0.1\"]}"),
                json(matched));
    }

    @Test
    void otherTypesMatchWhenEqualOnceNormalised() {
        String space = spaceWithList("long", "42", "7");

        assertEquals(parse("{\"matches\":[\"42.0\",\"007\"]}"), json(match(space, "[\"42.0\",\"8\",\"007\",\"x\"]")));
    }

    @Test
    void refusesBadQuestions() {
        String space = spaceWithList("keyword", "a");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        }

        assertSiemError(in(space).body("{\"values\":[\"a\"]}").post(INTERNAL + "nope/_match"), 404,
                "list id: \"nope\" does not exist");
        assertPlatformError(in(space).body("{}").post(INTERNAL + "some-list-id/_match"), "[request body]: values: Required");
        assertPlatformError(match(space, tooMany.append(']').toString()),
                "[request body]: values: Array must contain at most 10000 element(s)");
        assertEquals(parse("{\"matches\":[]}"), json(match(newSpace().isEmpty() ? "" : space, "[]")));
        assertEquals(401, given().get(INTERNAL + "some-list-id").statusCode());
    }

    private static io.restassured.specification.RequestSpecification asExecutor(String space) {
        return given().header("Authorization", TestTokens.executor(space, "rule-1")).contentType("application/json");
    }

    @Test
    void theExecutorReadsAListsValuesUpToItsLimit() {
        String space = spaceWithList("ip_range", "10.0.0.0/8", "192.168.1.10-192.168.1.20", "127.0.0.1");

        Response all = asExecutor(space).queryParam("limit", 3).get(INTERNAL + "some-list-id/values");
        assertEquals(200, all.statusCode(), all.asString());
        assertEquals(parse("""
                {"type":"ip_range","values":["10.0.0.0/8","192.168.1.10-192.168.1.20","127.0.0.1"],"complete":true}"""),
                json(all));
        assertEquals(parse("{\"type\":\"ip_range\",\"values\":[\"10.0.0.0/8\",\"192.168.1.10-192.168.1.20\"],\"complete\":false}"),
                json(asExecutor(space).queryParam("limit", 2).get(INTERNAL + "some-list-id/values")));
        assertSiemError(asExecutor(space).queryParam("limit", 2).get(INTERNAL + "nope/values"), 404,
                "list id: \"nope\" does not exist");
        assertPlatformError(asExecutor(space).get(INTERNAL + "some-list-id/values"), "[request query]: limit: Required");
        assertPlatformError(asExecutor(space).queryParam("limit", "x").get(INTERNAL + "some-list-id/values"),
                "[request query]: limit: Expected number, received string");
        // the executor's token is of its space only
        assertSiemError(asExecutor(newSpace()).queryParam("limit", 2).get(INTERNAL + "some-list-id/values"), 404,
                "list id: \"some-list-id\" does not exist");
    }

    @Test
    void theExecutorsTokenOpensOnlyTheExecutorsRoutes() {
        String space = spaceWithList("keyword", "a");

        assertEquals(parse("{\"matches\":[\"a\"]}"),
                json(asExecutor(space).body("{\"values\":[\"a\",\"b\"]}").post(INTERNAL + "some-list-id/_match")));
        assertSiemError(asExecutor(space).queryParam("id", "some-list-id").get("/api/lists"), 403,
                "the rule executor's token is not accepted on /api/lists");
        assertSiemError(asExecutor(space).queryParam("id", "some-list-id").delete("/api/lists"), 403,
                "the rule executor's token is not accepted on /api/lists");
        assertEquals(200, in(space).queryParam("id", "some-list-id").get("/api/lists").statusCode());
    }
}
