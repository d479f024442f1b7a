package io.opendetection.gateway.routing;

import java.util.List;
import java.util.Optional;

/**
 * Which service owns a public route. A pattern is a path, or a path ending in {@code /**} for
 * everything strictly below it; the path is the one after the space prefix is removed.
 */
public final class RouteTable {
    private static final String BELOW = "/**";

    private static final List<Route> ROUTES = List.of(
            new Route("/api/detection_engine/rules", Service.RULE_SERVICE),
            new Route("/api/detection_engine/rules/**", Service.RULE_SERVICE),
            new Route("/api/detection_engine/tags", Service.RULE_SERVICE),
            new Route("/api/detection_engine/privileges", Service.RULE_SERVICE),
            new Route("/api/alerting/rule/**", Service.RULE_SERVICE),
            new Route("/api/detection_engine/signals/**", Service.ALERT_SERVICE),
            new Route("/api/detection_engine/attacks/**", Service.ALERT_SERVICE),
            new Route("/api/detection_engine/index", Service.ALERT_SERVICE),
            new Route("/api/exception_lists", Service.EXCEPTIONS_SERVICE),
            new Route("/api/exception_lists/**", Service.EXCEPTIONS_SERVICE),
            new Route("/api/endpoint_list", Service.EXCEPTIONS_SERVICE),
            new Route("/api/endpoint_list/**", Service.EXCEPTIONS_SERVICE),
            new Route("/api/exceptions/shared", Service.EXCEPTIONS_SERVICE),
            new Route("/api/lists", Service.LISTS_SERVICE),
            new Route("/api/lists/**", Service.LISTS_SERVICE));

    private RouteTable() {
    }

    public static Optional<Service> serviceFor(String apiPath) {
        return ROUTES.stream().filter(route -> route.matches(apiPath)).map(Route::service).findFirst();
    }

    private record Route(String pattern, Service service) {
        boolean matches(String path) {
            if (pattern.endsWith(BELOW)) {
                String parent = pattern.substring(0, pattern.length() - BELOW.length());
                return path.startsWith(parent + "/");
            }
            return path.equals(pattern);
        }
    }
}
