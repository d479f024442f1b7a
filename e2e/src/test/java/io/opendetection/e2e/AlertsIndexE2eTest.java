package io.opendetection.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** alert-service creates, reports and deletes each space's alerts index in Elasticsearch. */
@ExtendWith(SystemUnderTest.class)
class AlertsIndexE2eTest {

    @Test
    void theAlertsIndexOfASpaceHasALifeCycle() {
        String space = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        String index = "/s/" + space + "/api/detection_engine/index";
        Gateway.asAdmin().get(index).then().statusCode(404);
        Gateway.asAdmin().post(index).then().statusCode(200).body("acknowledged", equalTo(true));
        Gateway.asAdmin().get(index).then().statusCode(200)
                .body("name", equalTo(".alerts-security.alerts-" + space))
                .body("index_mapping_outdated", equalTo(false));
        Gateway.asAdmin().delete(index).then().statusCode(200).body("acknowledged", equalTo(true));
        Gateway.asAdmin().get(index).then().statusCode(404);
    }
}
