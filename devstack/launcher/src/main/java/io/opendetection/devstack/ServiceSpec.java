package io.opendetection.devstack;

import java.util.List;

/**
 * One of the five services as the devstack runs it: its module, its default port, its own
 * PostgreSQL role and schema, and whether it talks to Kafka and Elasticsearch.
 */
public record ServiceSpec(String module, int defaultPort, String schema, boolean usesKafka, boolean usesElasticsearch) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 5601, "gateway", true, false);
    public static final ServiceSpec RULES = new ServiceSpec("rule-service", 5611, "rules", true, true);
    public static final ServiceSpec ALERTS = new ServiceSpec("alert-service", 5612, "alerts", true, true);
    public static final ServiceSpec EXCEPTIONS = new ServiceSpec("exceptions-service", 5613, "exceptions", true, false);
    public static final ServiceSpec LISTS = new ServiceSpec("lists-service", 5614, "lists", true, false);

    /** The domain services, started before the gateway that routes to them. */
    public static final List<ServiceSpec> BACKENDS = List.of(RULES, ALERTS, EXCEPTIONS, LISTS);

    public static List<ServiceSpec> all() {
        return List.of(RULES, ALERTS, EXCEPTIONS, LISTS, GATEWAY);
    }

    /** The environment variable the gateway reads this service's URL from, e.g. RULE_SERVICE_URL. */
    public String urlVariable() {
        return module.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL";
    }
}
