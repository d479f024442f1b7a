package io.opendetection.gateway.authz;

import io.vertx.core.http.HttpMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.opendetection.gateway.authz.Area.ALERTS;
import static io.opendetection.gateway.authz.Area.EXCEPTIONS;
import static io.opendetection.gateway.authz.Area.LISTS;
import static io.opendetection.gateway.authz.Area.RULES;
import static io.opendetection.gateway.authz.Level.ALL;
import static io.opendetection.gateway.authz.Level.READ;

/**
 * The feature privilege every public route needs in the space it addresses: one row per route of
 * Kibana's API (method and path; {@code {id}} stands for one path segment): those of ROUTES.md and
 * {@link #BEYOND_ROUTES_MD}. A route the services
 * serve that is not listed (yet) falls back to its area by path prefix, {@code read} for GET and
 * HEAD and {@code all} otherwise; {@link #explicit} tells the two apart for the tests.
 *
 * <p>Where we differ from Kibana: {@code POST /api/exception_lists/_export} needs only
 * {@code exceptions-read} (Kibana's own tests let a read-only role export, its spec text says
 * lists-all); exception lists and value lists are separate areas where Kibana guards both with
 * {@code lists-*}; {@code POST /api/detection_engine/rules/{id}/exceptions} needs
 * {@code exceptions-all}, the items it creates being exceptions.
 */
public final class RoutePrivileges {
    private static final Requirement ANY_READ = new Requirement(Arrays.stream(Area.values())
            .map(area -> new Requirement.Needed(area, READ)).toList());

    /** Rows of Kibana's API that ROUTES.md (the detection engine's routes) does not list. */
    public static final List<String> BEYOND_ROUTES_MD = List.of("POST /api/alerting/rule/{id}/_update_api_key");

    private static final List<Entry> TABLE = List.of(
            // rules
            row("GET", "/api/detection_engine/rules", RULES, READ),
            row("POST", "/api/detection_engine/rules", RULES, ALL),
            row("PUT", "/api/detection_engine/rules", RULES, ALL),
            row("PATCH", "/api/detection_engine/rules", RULES, ALL),
            row("DELETE", "/api/detection_engine/rules", RULES, ALL),
            row("GET", "/api/detection_engine/rules/_find", RULES, READ),
            row("POST", "/api/detection_engine/rules/_bulk_action", RULES, ALL),
            row("POST", "/api/detection_engine/rules/_export", RULES, READ),
            row("POST", "/api/detection_engine/rules/_import", RULES, ALL),
            row("PUT", "/api/detection_engine/rules/prepackaged", RULES, ALL),
            row("GET", "/api/detection_engine/rules/prepackaged/_status", RULES, READ),
            row("POST", "/api/detection_engine/rules/preview", RULES, ALL),
            row("POST", "/api/detection_engine/rules/{id}/exceptions", EXCEPTIONS, ALL),
            row("GET", "/api/detection_engine/tags", RULES, READ),
            new Entry(HttpMethod.GET, "/api/detection_engine/privileges", ANY_READ),
            // Kibana's alerting API, beside ROUTES.md: a rule runs with the privileges of whoever calls it
            row("POST", "/api/alerting/rule/{id}/_update_api_key", RULES, ALL),
            // alerts
            row("GET", "/api/detection_engine/index", ALERTS, READ),
            row("POST", "/api/detection_engine/index", ALERTS, ALL),
            row("DELETE", "/api/detection_engine/index", ALERTS, ALL),
            row("POST", "/api/detection_engine/signals/search", ALERTS, READ),
            row("POST", "/api/detection_engine/signals/status", ALERTS, ALL),
            row("POST", "/api/detection_engine/signals/tags", ALERTS, ALL),
            row("POST", "/api/detection_engine/signals/assignees", ALERTS, ALL),
            row("POST", "/api/detection_engine/signals/migration", ALERTS, ALL),
            row("DELETE", "/api/detection_engine/signals/migration", ALERTS, ALL),
            row("GET", "/api/detection_engine/signals/migration_status", ALERTS, READ),
            row("POST", "/api/detection_engine/signals/finalize_migration", ALERTS, ALL),
            row("POST", "/api/detection_engine/attacks/search", ALERTS, READ),
            row("POST", "/api/detection_engine/attacks/status", ALERTS, ALL),
            row("POST", "/api/detection_engine/attacks/tags", ALERTS, ALL),
            row("POST", "/api/detection_engine/attacks/assignees", ALERTS, ALL),
            // exception lists and items
            row("GET", "/api/exception_lists", EXCEPTIONS, READ),
            row("POST", "/api/exception_lists", EXCEPTIONS, ALL),
            row("PUT", "/api/exception_lists", EXCEPTIONS, ALL),
            row("DELETE", "/api/exception_lists", EXCEPTIONS, ALL),
            row("GET", "/api/exception_lists/_find", EXCEPTIONS, READ),
            row("POST", "/api/exception_lists/_duplicate", EXCEPTIONS, ALL),
            row("POST", "/api/exception_lists/_export", EXCEPTIONS, READ),
            row("POST", "/api/exception_lists/_import", EXCEPTIONS, ALL),
            row("GET", "/api/exception_lists/summary", EXCEPTIONS, READ),
            row("GET", "/api/exception_lists/items", EXCEPTIONS, READ),
            row("POST", "/api/exception_lists/items", EXCEPTIONS, ALL),
            row("PUT", "/api/exception_lists/items", EXCEPTIONS, ALL),
            row("DELETE", "/api/exception_lists/items", EXCEPTIONS, ALL),
            row("GET", "/api/exception_lists/items/_find", EXCEPTIONS, READ),
            row("POST", "/api/exceptions/shared", EXCEPTIONS, ALL),
            row("POST", "/api/endpoint_list", EXCEPTIONS, ALL),
            row("GET", "/api/endpoint_list/items", EXCEPTIONS, READ),
            row("POST", "/api/endpoint_list/items", EXCEPTIONS, ALL),
            row("PUT", "/api/endpoint_list/items", EXCEPTIONS, ALL),
            row("DELETE", "/api/endpoint_list/items", EXCEPTIONS, ALL),
            row("GET", "/api/endpoint_list/items/_find", EXCEPTIONS, READ),
            // value lists
            row("GET", "/api/lists", LISTS, READ),
            row("POST", "/api/lists", LISTS, ALL),
            row("PUT", "/api/lists", LISTS, ALL),
            row("PATCH", "/api/lists", LISTS, ALL),
            row("DELETE", "/api/lists", LISTS, ALL),
            row("GET", "/api/lists/_find", LISTS, READ),
            row("GET", "/api/lists/index", LISTS, READ),
            row("POST", "/api/lists/index", LISTS, ALL),
            row("DELETE", "/api/lists/index", LISTS, ALL),
            row("GET", "/api/lists/items", LISTS, READ),
            row("POST", "/api/lists/items", LISTS, ALL),
            row("PUT", "/api/lists/items", LISTS, ALL),
            row("PATCH", "/api/lists/items", LISTS, ALL),
            row("DELETE", "/api/lists/items", LISTS, ALL),
            row("GET", "/api/lists/items/_find", LISTS, READ),
            row("POST", "/api/lists/items/_export", LISTS, READ),
            row("POST", "/api/lists/items/_import", LISTS, ALL),
            row("GET", "/api/lists/privileges", LISTS, READ));

    /** Path prefixes of the areas, most specific first, for routes not in the table. */
    private static final List<Prefix> FALLBACK = List.of(
            new Prefix("/api/detection_engine/signals", ALERTS),
            new Prefix("/api/detection_engine/attacks", ALERTS),
            new Prefix("/api/detection_engine/index", ALERTS),
            new Prefix("/api/detection_engine", RULES),
            new Prefix("/api/alerting/rule", RULES),
            new Prefix("/api/exception_lists", EXCEPTIONS),
            new Prefix("/api/exceptions", EXCEPTIONS),
            new Prefix("/api/endpoint_list", EXCEPTIONS),
            new Prefix("/api/lists", LISTS));

    private RoutePrivileges() {
    }

    /** One route and what it needs. */
    public record Entry(HttpMethod method, String pattern, Requirement requirement) {
        boolean matches(HttpMethod requestMethod, String[] segments) {
            if (!method.equals(requestMethod)) {
                return false;
            }
            String[] expected = pattern.split("/");
            if (expected.length != segments.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                boolean variable = expected[i].startsWith("{") && expected[i].endsWith("}");
                if (variable ? segments[i].isEmpty() : !expected[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Prefix(String path, Area area) {
    }

    public static List<Entry> table() {
        return TABLE;
    }

    /** The table's row for a route, if it has one. HEAD is checked as GET. */
    public static Optional<Entry> explicit(HttpMethod method, String apiPath) {
        HttpMethod effective = method == HttpMethod.HEAD ? HttpMethod.GET : method;
        String[] segments = apiPath.split("/", -1);
        return TABLE.stream().filter(entry -> entry.matches(effective, segments)).findFirst();
    }

    /** What a request needs: its row, or its area's fallback; empty for a path of no area. */
    public static Optional<Requirement> requirementFor(HttpMethod method, String apiPath) {
        Optional<Entry> entry = explicit(method, apiPath);
        if (entry.isPresent()) {
            return entry.map(Entry::requirement);
        }
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return FALLBACK.stream()
                .filter(prefix -> apiPath.equals(prefix.path()) || apiPath.startsWith(prefix.path() + "/"))
                .findFirst()
                .map(prefix -> Requirement.of(prefix.area(), reads ? READ : ALL));
    }

    private static Entry row(String method, String pattern, Area area, Level level) {
        return new Entry(HttpMethod.valueOf(method), pattern, Requirement.of(area, level));
    }
}
