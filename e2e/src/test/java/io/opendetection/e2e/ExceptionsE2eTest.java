package io.opendetection.e2e;

import io.opendetection.testkit.TestTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** An exception item created through the gateway reaches rule-service's projection over Kafka. */
@ExtendWith(SystemUnderTest.class)
class ExceptionsE2eTest {

    @Test
    void anItemCreatedThroughTheGatewayReachesRuleService() {
        String listId = "e2e-list-" + UUID.randomUUID();
        String listUuid = Gateway.asAdmin().contentType("application/json")
                .body("""
                        {"list_id":"%s","name":"Known admin hosts","description":"Hosts admins log in from","type":"detection"}
                        """.formatted(listId))
                .post("/api/exception_lists").then().statusCode(200)
                .body("list_id", equalTo(listId)).body("namespace_type", equalTo("single"))
                .extract().path("id");
        Gateway.asAdmin().queryParam("list_id", listId).get("/api/exception_lists").then().statusCode(200)
                .body("id", equalTo(listUuid));
        Gateway.asAdmin().contentType("application/json")
                .body("""
                        {"list_id":"%s","item_id":"jump-host","name":"Jump host","description":"The admins' jump host",
                         "type":"simple","entries":[{"field":"host.name","operator":"included","type":"match","value":"jump-01"}]}
                        """.formatted(listId))
                .post("/api/exception_lists/items").then().statusCode(200)
                .body("item_id", equalTo("jump-host")).body("created_by", equalTo("elastic"));

        SystemUnderTest.Endpoints system = SystemUnderTest.endpoints();
        Assumptions.assumeTrue(system.ruleServiceUrl().isPresent() && system.signingKey().isPresent(),
                "E2E_RULE_SERVICE_URL and E2E_SIGNING_KEY are needed to look into rule-service's projection");
        String token = "Bearer " + TestTokens.token(system.signingKey().get(), "elastic", Set.of("superuser"), "default");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(system.ruleServiceUrl().get()).header("Authorization", token)
                        .get("/internal/exception-lists/" + listUuid).then().statusCode(200)
                        .body("list.list_id", equalTo(listId))
                        .body("items.size()", equalTo(1))
                        .body("items[0].item_id", equalTo("jump-host"))
                        .body("items[0].entries[0].value", equalTo("jump-01")));
    }

    @Test
    void b98_aDuplicateListIsAConflict() {
        String body = """
                {"list_id":"e2e-dup-%s","name":"n","description":"d","type":"detection"}
                """.formatted(UUID.randomUUID());
        Gateway.asAdmin().contentType("application/json").body(body).post("/api/exception_lists").then().statusCode(200);
        Gateway.asAdmin().contentType("application/json").body(body).post("/api/exception_lists").then().statusCode(409);
    }
}
