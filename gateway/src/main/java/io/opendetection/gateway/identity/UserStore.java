package io.opendetection.gateway.identity;

import io.opendetection.gateway.http.Rejection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The users table of the gateway's schema (the reactive pool's search_path points at it). */
@ApplicationScoped
public class UserStore {
    private static final Logger LOG = Logger.getLogger(UserStore.class);
    private static final String PROFILE = "SELECT username, roles, full_name, email, enabled, metadata FROM users";

    private final Pool pool;

    @Inject
    UserStore(Pool pool) {
        this.pool = pool;
    }

    /** The user, or null when there is none by that name. */
    public Uni<User> find(String username) {
        return pool.preparedQuery("SELECT username, password_hash, roles, enabled FROM users WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> {
                    RowIterator<Row> iterator = rows.iterator();
                    return iterator.hasNext() ? toUser(iterator.next()) : null;
                })
                .onFailure().transform(failure -> {
                    LOG.warnf("The user store cannot be read: %s", failure.getMessage());
                    return new Rejection(503, "The user store is unavailable");
                });
    }

    /** Adds the user unless one by that name exists; true when it was added. */
    public Uni<Boolean> addIfAbsent(User user, String fullName) {
        return pool.preparedQuery("""
                        INSERT INTO users (username, password_hash, roles, full_name, enabled)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (username) DO NOTHING""")
                .execute(Tuple.of(user.username(), user.passwordHash(), user.roles().toArray(String[]::new),
                        fullName, user.enabled()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Every user as the security API shows them, by name. */
    public Uni<List<UserProfile>> profiles() {
        return pool.query(PROFILE + " ORDER BY username").execute().map(UserStore::toProfiles);
    }

    public Uni<UserProfile> profile(String username) {
        return pool.preparedQuery(PROFILE + " WHERE username = $1").execute(Tuple.of(username))
                .map(rows -> toProfiles(rows).stream().findFirst().orElse(null));
    }

    /**
     * Creates the user or replaces what the profile says of them; a null password hash keeps the
     * stored one (and then the user must exist). True when the user was created.
     */
    public Uni<Boolean> save(UserProfile profile, String passwordHash) {
        Tuple values = Tuple.from(new Object[] {profile.username(), profile.roles().toArray(String[]::new),
                profile.fullName(), profile.email(), profile.enabled(), new JsonObject(profile.metadata())});
        if (passwordHash == null) {
            return pool.preparedQuery("""
                            UPDATE users SET roles = $2, full_name = $3, email = $4, enabled = $5, metadata = $6,
                                updated_at = now()
                            WHERE username = $1""")
                    .execute(values)
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            throw new Rejection(400, "password must be specified unless you are updating an "
                                    + "existing user");
                        }
                        return false;
                    });
        }
        return pool.preparedQuery("""
                        INSERT INTO users (username, roles, full_name, email, enabled, metadata, password_hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                            roles = EXCLUDED.roles, full_name = EXCLUDED.full_name, email = EXCLUDED.email,
                            enabled = EXCLUDED.enabled, metadata = EXCLUDED.metadata, updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .execute(values.addString(passwordHash))
                .map(rows -> rows.iterator().next().getBoolean("created"));
    }

    /**
     * Deletes the user and invalidates the API keys they own in the same transaction, so no key
     * outlives its owner. True when there was such a user.
     */
    public Uni<Boolean> delete(String username) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("UPDATE api_keys SET invalidated_at = now() WHERE owner = $1 AND invalidated_at IS NULL")
                .execute(Tuple.of(username))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM users WHERE username = $1")
                        .execute(Tuple.of(username)))
                .map(rows -> rows.rowCount() == 1));
    }

    private static List<UserProfile> toProfiles(RowSet<Row> rows) {
        List<UserProfile> profiles = new ArrayList<>();
        for (Row row : rows) {
            JsonObject metadata = row.getJsonObject("metadata");
            profiles.add(new UserProfile(row.getString("username"), List.of(row.getArrayOfStrings("roles")),
                    row.getString("full_name"), row.getString("email"), row.getBoolean("enabled"),
                    metadata == null ? Map.of() : metadata.getMap()));
        }
        return profiles;
    }

    private static User toUser(Row row) {
        return new User(row.getString("username"), row.getString("password_hash"),
                List.of(row.getArrayOfStrings("roles")), row.getBoolean("enabled"));
    }
}
