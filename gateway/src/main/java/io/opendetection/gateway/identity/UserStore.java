package io.opendetection.gateway.identity;

import io.opendetection.gateway.http.Rejection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/** The users table of the gateway's schema (the reactive pool's search_path points at it). */
@ApplicationScoped
public class UserStore {
    private static final Logger LOG = Logger.getLogger(UserStore.class);

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

    private static User toUser(Row row) {
        return new User(row.getString("username"), row.getString("password_hash"),
                List.of(row.getArrayOfStrings("roles")), row.getBoolean("enabled"));
    }
}
