package io.opendetection.gateway.xsrf;

import io.opendetection.gateway.http.Rejection;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class XsrfRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void aChangingRequestWithoutTheHeaderIsRejected(String method) {
        Rejection rejection = assertThrows(Rejection.class,
                () -> XsrfRule.check(HttpMethod.valueOf(method), MultiMap.caseInsensitiveMultiMap()));

        assertEquals(400, rejection.status());
        assertEquals("Request must contain a kbn-xsrf header.", rejection.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void anyKbnXsrfValueOrAKbnVersionHeaderIsEnough(String method) {
        HttpMethod changing = HttpMethod.valueOf(method);
        assertDoesNotThrow(() -> XsrfRule.check(changing, MultiMap.caseInsensitiveMultiMap().add("kbn-xsrf", "")));
        assertDoesNotThrow(() -> XsrfRule.check(changing, MultiMap.caseInsensitiveMultiMap().add("KBN-XSRF", "x")));
        assertDoesNotThrow(() -> XsrfRule.check(changing,
                MultiMap.caseInsensitiveMultiMap().add("kbn-version", "8.19.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void readingRequestsNeedNoHeader(String method) {
        assertDoesNotThrow(() -> XsrfRule.check(HttpMethod.valueOf(method), MultiMap.caseInsensitiveMultiMap()));
    }
}
