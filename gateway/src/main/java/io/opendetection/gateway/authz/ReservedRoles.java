package io.opendetection.gateway.authz;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in roles of an Elastic stack that our users know, defined in code and never stored:
 * they cannot be changed or deleted. {@code superuser} may do everything; {@code viewer} may read
 * everything; {@code editor} may change everything in Kibana and read every index.
 */
public final class ReservedRoles {
    private static final Map<String, Object> RESERVED = Map.of("_reserved", true);
    private static final List<String> ALL_SPACES = List.of("*");

    private static final Map<String, Role> ROLES = Map.of(
            "superuser", role("superuser", List.of("all"), List.of("all"), "all"),
            "viewer", role("viewer", List.of(), List.of("read", "view_index_metadata"), "read"),
            "editor", role("editor", List.of(), List.of("read", "view_index_metadata"), "all"));

    private ReservedRoles() {
    }

    public static Optional<Role> find(String name) {
        return Optional.ofNullable(ROLES.get(name));
    }

    public static boolean isReserved(String name) {
        return ROLES.containsKey(name);
    }

    public static List<Role> all() {
        return ROLES.values().stream().sorted(Comparator.comparing(Role::name)).toList();
    }

    private static Role role(String name, List<String> cluster, List<String> indexPrivileges, String base) {
        return new Role(name, new RoleDescriptor(
                new RoleDescriptor.Elasticsearch(cluster,
                        List.of(new RoleDescriptor.IndexPrivileges(List.of("*"), indexPrivileges)), List.of()),
                List.of(new RoleDescriptor.KibanaPrivileges(List.of(base), Map.of(), ALL_SPACES)),
                RESERVED));
    }
}
