package io.opendetection.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** Value lists through the gateway: the space's list storage first, then a list, read back. */
@ExtendWith(SystemUnderTest.class)
class ListsE2eTest {

    @Test
    void b133_aListIsCreatedAfterTheListIndex() {
        String space = "lists-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/s/" + space + "/api/lists";
        Gateway.asAdmin().contentType("application/json").body("""
                {"id":"bad-ips","name":"Bad IPs","description":"Known bad addresses","type":"ip"}
                """).post(base).then().statusCode(400);
        Gateway.asAdmin().post(base + "/index").then().statusCode(200).body("acknowledged", equalTo(true));
        Gateway.asAdmin().post(base + "/index").then().statusCode(409);
        Gateway.asAdmin().contentType("application/json").body("""
                {"id":"bad-ips","name":"Bad IPs","description":"Known bad addresses","type":"ip"}
                """).post(base).then().statusCode(200)
                .body("id", equalTo("bad-ips")).body("type", equalTo("ip")).body("created_by", equalTo("elastic"));
        Gateway.asAdmin().queryParam("id", "bad-ips").get(base).then().statusCode(200).body("name", equalTo("Bad IPs"));
    }
}
