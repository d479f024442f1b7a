package io.opendetection.rules.rule.model;

import io.opendetection.common.errors.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a request body, in the words of Kibana's request validation
 * ({@code "max_signals: Number must be greater than or equal to 1"}), all reported at once.
 */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    void add(String field, String reason) {
        problems.add(field + ": " + reason);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Kibana's platform envelope: {@code [request body]: a: Required, b: Expected string, received number}. */
    ApiException toException() {
        return ApiException.platform(400, "[request body]: " + String.join(", ", problems));
    }
}
