package io.opendetection.common.calls;

/**
 * The services one service may call for an answer it needs now (ARCHITECTURE.md), each found at
 * the URL in its environment variable (README: Configuration).
 */
public enum Backend {
    RULES("rule-service", "RULE_SERVICE_URL", 5611),
    ALERTS("alert-service", "ALERT_SERVICE_URL", 5612),
    EXCEPTIONS("exceptions-service", "EXCEPTIONS_SERVICE_URL", 5613),
    LISTS("lists-service", "LISTS_SERVICE_URL", 5614);

    private final String serviceName;
    private final String urlVariable;
    private final int defaultPort;

    Backend(String serviceName, String urlVariable, int defaultPort) {
        this.serviceName = serviceName;
        this.urlVariable = urlVariable;
        this.defaultPort = defaultPort;
    }

    public String serviceName() {
        return serviceName;
    }

    public String urlVariable() {
        return urlVariable;
    }

    public String defaultUrl() {
        return "http://127.0.0.1:" + defaultPort;
    }
}
