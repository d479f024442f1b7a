package io.opendetection.gateway.identity;

import io.opendetection.gateway.http.Rejection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;

/** Picks the authenticator for the scheme a request names; no known scheme, no entry. */
@ApplicationScoped
public class Authentication {
    private final List<Authenticator> authenticators;

    @Inject
    Authentication(Instance<Authenticator> authenticators) {
        this.authenticators = authenticators.stream().toList();
    }

    public Uni<Identity> authenticate(String authorization) {
        if (authorization == null) {
            return Uni.createFrom().failure(Rejection.unauthorized());
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0) {
            return Uni.createFrom().failure(Rejection.unauthorized());
        }
        String scheme = header.substring(0, space);
        String credentials = header.substring(space + 1).strip();
        return authenticators.stream()
                .filter(authenticator -> authenticator.scheme().equalsIgnoreCase(scheme))
                .findFirst()
                .map(authenticator -> authenticator.authenticate(credentials))
                .orElseGet(() -> Uni.createFrom().failure(Rejection.unauthorized()));
    }
}
