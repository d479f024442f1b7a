package io.opendetection.gateway.security.role;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.gateway.authz.ReservedRoles;
import io.opendetection.gateway.authz.Role;
import io.opendetection.gateway.http.Rejection;
import io.opendetection.gateway.identity.Identity;
import io.opendetection.gateway.security.BodyFields;
import io.opendetection.gateway.security.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import static io.opendetection.gateway.security.ClusterPrivilegeCheck.MANAGE_SECURITY;
import static io.opendetection.gateway.security.ClusterPrivilegeCheck.require;

/** Kibana's role API: {@code GET /api/security/role}, {@code PUT/GET/DELETE /api/security/role/{name}}. */
@ApplicationScoped
public class RoleRoutes {
    private static final String ACTION = "cluster:admin/xpack/security/role/";

    private final RoleStore roles;

    @Inject
    RoleRoutes(RoleStore roles) {
        this.roles = roles;
    }

    public Uni<Reply> list(Identity caller) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "get", MANAGE_SECURITY);
        return roles.list().map(all -> Reply.ok(all.stream().map(RoleBodies::toKibana).toList()));
    }

    public Uni<Reply> get(Identity caller, String name) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "get", MANAGE_SECURITY);
        return roles.find(name).map(role -> Reply.ok(RoleBodies.toKibana(role.orElseThrow(Rejection::notFound))));
    }

    /** Creates or replaces the role; 204 as Kibana. */
    public Uni<Reply> put(Identity caller, String name, JsonNode body) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "put", MANAGE_SECURITY);
        BodyFields.name(name, "role name");
        refuseReserved(name);
        Role role = new Role(name, RoleBodies.fromKibana(body, BodyFields.BODY));
        return roles.put(role).replaceWith(Reply.noContent());
    }

    public Uni<Reply> delete(Identity caller, String name) {
        require(caller.grants().canManageSecurity(), caller, ACTION + "delete", MANAGE_SECURITY);
        refuseReserved(name);
        return roles.delete(name).map(deleted -> {
            if (!deleted) {
                throw Rejection.notFound();
            }
            return Reply.noContent();
        });
    }

    private static void refuseReserved(String name) {
        if (ReservedRoles.isReserved(name)) {
            throw new Rejection(400, "Role [" + name + "] is reserved and may not be used.");
        }
    }
}
