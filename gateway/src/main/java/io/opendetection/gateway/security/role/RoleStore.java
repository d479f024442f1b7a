package io.opendetection.gateway.security.role;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.gateway.authz.ReservedRoles;
import io.opendetection.gateway.authz.Role;
import io.opendetection.gateway.authz.RoleDescriptor;
import io.opendetection.gateway.http.Rejection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The roles: reserved ones from the code, the others from the gateway schema's {@code roles}
 * table. Read on every request, so a changed role takes effect at once on every gateway replica.
 */
@ApplicationScoped
public class RoleStore {
    private static final Logger LOG = Logger.getLogger(RoleStore.class);

    private final Pool pool;
    private final ObjectMapper json;

    @Inject
    RoleStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The roles of these names that exist; a name without a role grants nothing, as in Elasticsearch. */
    public Uni<List<Role>> resolve(Collection<String> names) {
        List<Role> roles = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        for (String name : names) {
            ReservedRoles.find(name).ifPresentOrElse(roles::add, () -> stored.add(name));
        }
        if (stored.isEmpty()) {
            return Uni.createFrom().item(roles);
        }
        return pool.preparedQuery("SELECT name, definition::text AS definition FROM roles WHERE name = ANY($1)")
                .execute(Tuple.of(stored.toArray(String[]::new)))
                .map(rows -> {
                    roles.addAll(toRoles(rows));
                    return roles;
                })
                .onFailure().transform(RoleStore::unavailable);
    }

    public Uni<Optional<Role>> find(String name) {
        return resolve(List.of(name)).map(roles -> roles.stream().findFirst());
    }

    /** Every role, reserved ones included, by name. */
    public Uni<List<Role>> list() {
        return pool.query("SELECT name, definition::text AS definition FROM roles").execute()
                .map(rows -> {
                    List<Role> roles = new ArrayList<>(ReservedRoles.all());
                    roles.addAll(toRoles(rows));
                    roles.sort(Comparator.comparing(Role::name));
                    return roles;
                });
    }

    /** Creates or replaces a (non-reserved) role. */
    public Uni<Void> put(Role role) {
        return pool.preparedQuery("""
                        INSERT INTO roles (name, definition) VALUES ($1, $2::jsonb)
                        ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()""")
                .execute(Tuple.of(role.name(), write(role.descriptor())))
                .replaceWithVoid();
    }

    /** True when there was such a role. */
    public Uni<Boolean> delete(String name) {
        return pool.preparedQuery("DELETE FROM roles WHERE name = $1").execute(Tuple.of(name))
                .map(rows -> rows.rowCount() == 1);
    }

    private List<Role> toRoles(RowSet<Row> rows) {
        List<Role> roles = new ArrayList<>();
        for (Row row : rows) {
            roles.add(new Role(row.getString("name"), read(row.getString("definition"))));
        }
        return roles;
    }

    private RoleDescriptor read(String definition) {
        try {
            return json.readValue(definition, RoleDescriptor.class);
        } catch (IOException e) {
            throw new IllegalStateException("A stored role cannot be read", e);
        }
    }

    /** As Vert.x JSON: a Java string bound to a jsonb parameter would be stored as a JSON string. */
    private Object write(RoleDescriptor descriptor) {
        try {
            return Json.decodeValue(json.writeValueAsString(descriptor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable unavailable(Throwable failure) {
        LOG.warnf(failure, "The role store cannot be read");
        return new Rejection(503, "The role store is unavailable");
    }
}
