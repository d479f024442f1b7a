package io.opendetection.gateway.routing;

/** The services behind the gateway, by the names they carry in errors and in {@code /api/status}. */
public enum Service {
    RULE_SERVICE("rule-service"),
    ALERT_SERVICE("alert-service"),
    EXCEPTIONS_SERVICE("exceptions-service"),
    LISTS_SERVICE("lists-service");

    private final String serviceName;

    Service(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
