package io.opendetection.rules.execution.search;

/**
 * Elasticsearch answered a request of a rule with an error.
 *
 * @param status HTTP status, 0 when Elasticsearch could not be reached at all
 */
public class SearchFailure extends RuntimeException {
    private final int status;

    public SearchFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The rule itself is at fault (a query Elasticsearch rejects, a bad field): running it again
     * over the same window would fail the same way. Anything else (no answer, 5xx, 429) is the
     * cluster's, and the window is run again later.
     */
    public boolean ruleError() {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
