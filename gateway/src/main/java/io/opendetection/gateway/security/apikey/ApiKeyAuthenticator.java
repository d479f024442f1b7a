package io.opendetection.gateway.security.apikey;

import io.opendetection.gateway.authz.Grants;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.AuthenticationType;
import io.opendetection.gateway.identity.Authenticator;
import io.opendetection.gateway.identity.ColonCredentials;
import io.opendetection.gateway.identity.Identity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Authorization: ApiKey base64(id:api_key)}. An expired or invalidated key, like an
 * unknown one, is a 401. The key acts as its owner, with the owner's privileges as they were when
 * the key was created, narrowed by its role descriptors.
 */
@ApplicationScoped
public class ApiKeyAuthenticator implements Authenticator {
    private final ApiKeyStore keys;
    private final Clock clock;

    @Inject
    ApiKeyAuthenticator(ApiKeyStore keys) {
        this.keys = keys;
        this.clock = Clock.systemUTC();
    }

    @Override
    public String scheme() {
        return "ApiKey";
    }

    @Override
    public Uni<Identity> authenticate(String credentials) {
        Optional<ColonCredentials> given = ColonCredentials.decode(credentials);
        if (given.isEmpty()) {
            return Uni.createFrom().failure(Rejection.unauthorized());
        }
        String id = given.get().name();
        String secret = given.get().secret();
        return keys.find(id).map(key -> {
            if (key == null || !key.usableAt(clock.instant())
                    || !ApiKeySecrets.matches(key.secretSalt(), key.secretHash(), secret)) {
                throw Rejection.unauthorized();
            }
            return identityOf(key);
        });
    }

    static Identity identityOf(StoredApiKey key) {
        Set<String> roles = new LinkedHashSet<>();
        key.limitedBy().stream().findFirst().ifPresent(layer -> layer.forEach(role -> roles.add(role.name())));
        Grants grants = new Grants(key.limitedBy()).narrowedBy(key.roleDescriptors());
        return new Identity(key.owner(), roles, AuthenticationType.API_KEY, grants,
                new Identity.ApiKeyRef(key.id(), key.name()));
    }
}
