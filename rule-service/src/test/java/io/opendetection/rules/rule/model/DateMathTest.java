package io.opendetection.rules.rule.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateMathTest {

    @Test
    void kibanasExpressionsParse() {
        for (String valid : new String[] {"now", "now-6m", "now-119m", "now/d", "now-1d/d", "now+1h-5m",
                "2024-01-01T00:00:00.000Z", "2024-01-01||+1d", "now-99999999s"}) {
            assertTrue(DateMath.isValid(valid), valid);
        }
    }

    @Test
    void badExpressionsDoNot() {
        for (String invalid : new String[] {"now-3755555555555555.67s", "now-6x", "yesterday", "now-", "now*2m",
                "now-999999999999s", "now-6ms"}) {
            assertFalse(DateMath.isValid(invalid), invalid);
        }
    }
}
