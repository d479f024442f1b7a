package io.opendetection.gateway.identity;

import io.opendetection.gateway.authz.Grants;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.security.role.RoleStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** HTTP Basic: a user name and password checked against the gateway's user store. */
@ApplicationScoped
public class BasicAuthenticator implements Authenticator {
    private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);

    private final UserStore users;
    private final RoleStore roles;
    private final VerifiedPasswords verified = new VerifiedPasswords(REMEMBER_VERIFIED, System::nanoTime);
    /** Bounds how many Argon2 computations (19 MiB each) run at once. */
    private final WorkerExecutor hashing;
    /** Checked when the user does not exist, so a miss costs as much as a wrong password. */
    private final String decoyHash = PasswordHashing.hash(UUID.randomUUID().toString());

    @Inject
    BasicAuthenticator(UserStore users, RoleStore roles, Vertx vertx) {
        this.users = users;
        this.roles = roles;
        this.hashing = vertx.createSharedWorkerExecutor("password-hashing", Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public Uni<Identity> authenticate(String credentials) {
        Optional<ColonCredentials> given = ColonCredentials.decode(credentials);
        if (given.isEmpty()) {
            return Uni.createFrom().failure(Rejection.unauthorized());
        }
        String username = given.get().name();
        String password = given.get().secret();
        return users.find(username).flatMap(user -> verify(username, password, user));
    }

    private Uni<Identity> verify(String username, String password, User user) {
        String hash = user == null ? decoyHash : user.passwordHash();
        return verified.matches(username, password, hash, () -> Uni.createFrom()
                        .completionStage(() -> hashing.executeBlocking(() -> PasswordHashing.matches(password, hash), false)
                                .toCompletionStage()))
                .flatMap(matches -> !matches || user == null || !user.enabled()
                        ? Uni.createFrom().failure(Rejection.unauthorized())
                        : identityOf(user));
    }

    private Uni<Identity> identityOf(User user) {
        return roles.resolve(user.roles()).map(resolved -> new Identity(user.username(), Set.copyOf(user.roles()),
                AuthenticationType.BASIC, Grants.of(resolved), null));
    }

    @PreDestroy
    void close() {
        hashing.close();
    }
}
