package io.opendetection.common.caller;

import io.opendetection.common.errors.ApiException;
import io.opendetection.contracts.auth.ExecutorToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An executor token opens only the routes the executor needs ({@link ExecutorToken#SCOPE}); on
 * any other route it is refused, so rule-service's key cannot act as a user of the public API.
 */
public class ExecutorTokenScope {
    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        if (ExecutorToken.ISSUER.equals(token.getIssuer())
                && !request.getUriInfo().getPath().startsWith(ExecutorToken.SCOPE)) {
            throw ApiException.siem(403, "the rule executor's token is not accepted on " + request.getUriInfo().getPath());
        }
    }
}
