package io.opendetection.gateway.xsrf;

import io.opendetection.gateway.http.Rejection;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

import java.util.Set;

/**
 * Kibana's defence against cross-site request forgery: a request that may change something must
 * carry a {@code kbn-xsrf} header (any value) or a {@code kbn-version} header, which a browser
 * never adds to a cross-site form post.
 */
public final class XsrfRule {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private XsrfRule() {
    }

    public static void check(HttpMethod method, MultiMap headers) {
        if (!SAFE.contains(method) && !headers.contains("kbn-xsrf") && !headers.contains("kbn-version")) {
            throw new Rejection(400, "Request must contain a kbn-xsrf header.");
        }
    }
}
