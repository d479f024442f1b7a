package io.opendetection.gateway.authz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a caller may do: layers of roles, each layer granting the union of its roles, the caller
 * getting only what EVERY layer grants. A user has one layer (their roles); an API key has the
 * snapshot of its owner's layers, plus one layer of its own role descriptors when it was created
 * with some, which can only narrow. (Elasticsearch checks an API key against its "limited-by"
 * roles in the same way.)
 */
public record Grants(List<List<Role>> layers) {
    private static final Set<String> MANAGE_SECURITY = Set.of("all", "manage_security");
    private static final Set<String> MANAGE_API_KEYS = Set.of("all", "manage_security", "manage_api_key");
    private static final Set<String> OWN_API_KEYS =
            Set.of("all", "manage_security", "manage_api_key", "manage_own_api_key");

    public Grants {
        layers = layers.stream().map(List::copyOf).toList();
    }

    public static Grants of(List<Role> roles) {
        return new Grants(List.of(roles));
    }

    /** These grants narrowed by more roles; no roles means no narrowing. */
    public Grants narrowedBy(List<Role> roles) {
        if (roles.isEmpty()) {
            return this;
        }
        List<List<Role>> narrowed = new ArrayList<>(layers);
        narrowed.add(roles);
        return new Grants(narrowed);
    }

    public Level level(String space, Area area) {
        return features(space).get(area);
    }

    /** Every area's level in a space. */
    public Map<Area, Level> features(String space) {
        Map<Area, Level> result = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            result.put(area, layers.isEmpty() ? Level.NONE : Level.ALL);
        }
        for (List<Role> layer : layers) {
            Map<Area, Level> granted = new EnumMap<>(Area.class);
            for (Area area : Area.values()) {
                granted.put(area, Level.NONE);
            }
            for (Role role : layer) {
                for (RoleDescriptor.KibanaPrivileges entry : role.descriptor().kibana()) {
                    if (entry.appliesTo(space)) {
                        KibanaFeatures.levels(entry).forEach((area, level) -> granted.merge(area, level, Level::max));
                    }
                }
            }
            granted.forEach((area, level) -> result.merge(area, level, Level::min));
        }
        return result;
    }

    /** May manage roles, users and everyone's API keys ({@code manage_security}). */
    public boolean canManageSecurity() {
        return everyLayerHasCluster(MANAGE_SECURITY);
    }

    /** May see and invalidate every user's API keys. */
    public boolean canManageApiKeys() {
        return everyLayerHasCluster(MANAGE_API_KEYS);
    }

    /** May create API keys for themself and see and invalidate their own. */
    public boolean canManageOwnApiKeys() {
        return everyLayerHasCluster(OWN_API_KEYS);
    }

    /** The index privileges of each layer: an index action is allowed when every layer allows it. */
    public List<List<RoleDescriptor.IndexPrivileges>> indexLayers() {
        return layers.stream()
                .map(layer -> layer.stream().flatMap(role -> role.descriptor().elasticsearch().indices().stream())
                        .toList())
                .toList();
    }

    /** The cluster privileges of each layer: a privilege is held when every layer holds it. */
    public List<List<String>> clusterLayers() {
        return layers.stream()
                .map(layer -> layer.stream().flatMap(role -> role.descriptor().elasticsearch().cluster().stream())
                        .distinct().toList())
                .toList();
    }

    private boolean everyLayerHasCluster(Set<String> any) {
        return !layers.isEmpty() && clusterLayers().stream().allMatch(layer -> layer.stream().anyMatch(any::contains));
    }
}
