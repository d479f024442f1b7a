package io.opendetection.gateway.authz;

import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.space.SpacePath;
import io.vertx.core.http.HttpMethod;

/**
 * Checks a request against the caller's feature privileges in the space it addresses, before it
 * is forwarded. A caller with no privilege in a space gets the same 403 for every route there.
 */
public final class Authorization {

    private Authorization() {
    }

    /** @param query the raw query string, or null; Kibana's message quotes it */
    public static void check(Identity caller, HttpMethod method, SpacePath target, String query) {
        RoutePrivileges.requirementFor(method, target.apiPath()).ifPresent(requirement -> {
            if (!requirement.satisfiedBy(caller.grants(), target.space())) {
                throw new Rejection(403, "API [" + method.name() + " " + target.apiPath()
                        + (query == null || query.isEmpty() ? "" : "?" + query)
                        + "] is unauthorized for user, this action is granted by the Kibana privileges ["
                        + requirement.kibanaNames() + "]");
            }
        });
    }
}
