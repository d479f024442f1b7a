package io.opendetection.lists;

import io.opendetection.lists.list.persistence.ValueListRepository;
import io.opendetection.lists.list.service.StoredList;
import io.opendetection.lists.membership.service.MembershipIndexes;
import io.opendetection.testkit.RealInfrastructure;
import io.opendetection.testkit.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static io.opendetection.lists.ListsApi.in;
import static io.opendetection.lists.ListsApi.post;
import static io.opendetection.testkit.ServiceApi.json;
import static io.opendetection.testkit.ServiceApi.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The membership questions of {@link InternalValueListTest} answered by the in-memory indexes (each
 * asked once the list's index is ready), and answers that follow every change of a list at once.
 */
@QuarkusTest
@TestProfile(InternalValueListIndexedTest.IndexesAnswer.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "needs", value = "postgres,kafka"))
@WithTestResource(ExceptionsServiceStandIn.class)
class InternalValueListIndexedTest extends InternalValueListTest {
    private static final String LIST = "some-list-id";

    public static class IndexesAnswer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("detection.lists.membership-cache-bytes", "1000000");
        }
    }

    @Inject
    MembershipIndexes membership;

    @Inject
    ValueListRepository lists;

    @Inject
    Pool pool;

    @Override
    protected Response match(String space, String values) {
        StoredList stored = lists.findStored(pool, space, LIST).await().indefinitely();
        if (stored != null) {
            awaitIndex(stored);
        }
        return super.match(space, values);
    }

    private void awaitIndex(StoredList stored) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (membership.current(stored) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the index of list " + stored.key() + " was not built in 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Response matchNow(String space, String values) {
        return super.match(space, values);
    }

    private void assertMatches(String space, String expected) {
        String asked = "[\"10.0.0.1\",\"10.0.0.2\",\"10.0.0.3\",\"192.168.0.7\",\"2001:db8::5\"]";
        // at once, while the index is stale (PostgreSQL answers), then from the rebuilt index
        assertEquals(parse("{\"matches\":" + expected + "}"), json(matchNow(space, asked)));
        assertEquals(parse("{\"matches\":" + expected + "}"), json(match(space, asked)));
    }

    @Test
    void everyChangeOfTheListIsInTheNextAnswer() {
        String space = spaceWithList("ip_range", "10.0.0.1", "192.168.0.0/24");
        assertMatches(space, "[\"10.0.0.1\",\"192.168.0.7\"]");

        Response created = post(space, "/api/lists/items", "{\"list_id\":\"" + LIST + "\",\"value\":\"10.0.0.2\"}");
        assertEquals(200, created.statusCode(), created.asString());
        assertMatches(space, "[\"10.0.0.1\",\"10.0.0.2\",\"192.168.0.7\"]");

        String id = json(created).get("id").asText();
        assertEquals(200, in(space).body("{\"id\":\"" + id + "\",\"value\":\"10.0.0.3\"}")
                .patch("/api/lists/items").statusCode());
        assertMatches(space, "[\"10.0.0.1\",\"10.0.0.3\",\"192.168.0.7\"]");

        assertEquals(200, in(space).queryParam("list_id", LIST).queryParam("value", "10.0.0.1")
                .delete("/api/lists/items").statusCode());
        assertMatches(space, "[\"10.0.0.3\",\"192.168.0.7\"]");

        assertEquals(200, in(space).queryParam("id", id).delete("/api/lists/items").statusCode());
        assertMatches(space, "[\"192.168.0.7\"]");

        Response imported = given().header("Authorization", TestTokens.bearer(ListsApi.USER, Set.of("superuser"), space))
                .multiPart("file", "more.txt", "2001:db8::/64\n10.0.0.2-10.0.0.3\n".getBytes(StandardCharsets.UTF_8),
                        "text/plain")
                .post("/api/lists/items/_import?list_id=" + LIST);
        assertEquals(200, imported.statusCode(), imported.asString());
        assertMatches(space, "[\"10.0.0.2\",\"10.0.0.3\",\"192.168.0.7\",\"2001:db8::5\"]");
    }

    @Test
    void aListOverTheMemoryBudgetIsAnsweredByPostgres() {
        String space = spaceWithList("keyword");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            file.append("a-keyword-long-enough-to-fill-the-budget-").append(i).append('\n');
        }
        Response imported = given().header("Authorization", TestTokens.bearer(ListsApi.USER, Set.of("superuser"), space))
                .multiPart("file", "big.txt", file.toString().getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/lists/items/_import?list_id=" + LIST);
        assertEquals(200, imported.statusCode(), imported.asString());
        StoredList stored = lists.findStored(pool, space, LIST).await().indefinitely();
        assertNotNull(stored);

        String asked = "[\"a-keyword-long-enough-to-fill-the-budget-19999\",\"nope\"]";
        for (int i = 0; i < 20; i++) {
            assertEquals(parse("{\"matches\":[\"a-keyword-long-enough-to-fill-the-budget-19999\"]}"),
                    json(matchNow(space, asked)));
        }
        // 20,000 keys take more than the 1,000,000 bytes allowed: no index, however long one waits
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
            assertNull(membership.current(stored));
        }
    }
}
