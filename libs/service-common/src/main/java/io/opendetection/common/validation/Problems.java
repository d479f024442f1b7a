package io.opendetection.common.validation;

import io.opendetection.common.errors.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with one part of a request, collected so the caller hears about every problem at
 * once, worded and joined as Kibana's zod validation reports them:
 * {@code [request body]: name: Required, risk_score: Expected number, received string}.
 */
public final class Problems {
    private final String part;
    private final List<String> found = new ArrayList<>();

    private Problems(String part) {
        this.part = part;
    }

    public static Problems inBody() {
        return new Problems("[request body]");
    }

    public static Problems inQuery() {
        return new Problems("[request query]");
    }

    /** A problem with the value at {@code path}; an empty path is the whole part (the body itself). */
    public void add(String path, String reason) {
        found.add(path.isEmpty() ? reason : path + ": " + reason);
    }

    /** Fails the request with a 400 in Kibana's platform envelope if anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw ApiException.platform(400, part + ": " + String.join(", ", found));
        }
    }
}
