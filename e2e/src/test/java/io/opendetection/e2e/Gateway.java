package io.opendetection.e2e;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as a Kibana API client sends them: basic auth as the administrator, and kbn-xsrf. */
final class Gateway {
    private Gateway() {
    }

    static RequestSpecification asAdmin() {
        SystemUnderTest.Endpoints system = SystemUnderTest.endpoints();
        return given().baseUri(system.gatewayUrl())
                .auth().preemptive().basic("elastic", system.elasticPassword())
                .header("kbn-xsrf", "true")
                .header("elastic-api-version", "2023-10-31");
    }

    static RequestSpecification anonymous() {
        return given().baseUri(SystemUnderTest.endpoints().gatewayUrl());
    }
}
