package io.opendetection.gateway.authz;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Kibana's privileges map onto our {@link Area}s. Base {@code all}/{@code read} covers every
 * area. The Security feature, under its original id {@code siem} and its versioned ids
 * {@code siemV2} (8.18) to {@code siemV5} (9.3), grants every area with {@code all}/{@code read}
 * ({@code minimal_all}/{@code minimal_read} alike), or one area with a sub-feature privilege
 * {@code <area>_all}/{@code <area>_read} (e.g. {@code exceptions_all}). The Rules feature
 * ({@code securitySolutionRulesV1}, {@code securitySolutionRulesV2}) covers rules, exceptions and
 * value lists. Other features (cases, timeline, discover, ...) are accepted and grant nothing here.
 */
public final class KibanaFeatures {
    private static final Set<String> SECURITY = Set.of("siem", "siemV2", "siemV3", "siemV4", "siemV5");
    private static final Set<String> RULES = Set.of("securitySolutionRulesV1", "securitySolutionRulesV2");
    private static final Set<Area> RULES_AREAS = EnumSet.of(Area.RULES, Area.EXCEPTIONS, Area.LISTS);
    private static final Set<String> BASE = Set.of("all", "read");

    private KibanaFeatures() {
    }

    /** The level one {@code kibana[]} entry grants in an area (its spaces aside). */
    static Map<Area, Level> levels(RoleDescriptor.KibanaPrivileges entry) {
        Map<Area, Level> levels = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            levels.put(area, Level.NONE);
        }
        for (String base : entry.base()) {
            Level level = "all".equals(base) ? Level.ALL : "read".equals(base) ? Level.READ : Level.NONE;
            levels.replaceAll((area, current) -> Level.max(current, level));
        }
        entry.feature().forEach((feature, privileges) -> {
            Set<Area> covered = SECURITY.contains(feature) ? EnumSet.allOf(Area.class)
                    : RULES.contains(feature) ? RULES_AREAS : Set.of();
            for (String privilege : privileges) {
                Level whole = wholeFeature(privilege);
                for (Area area : covered) {
                    Level level = whole != Level.NONE ? whole
                            : SECURITY.contains(feature) ? subFeature(privilege, area) : Level.NONE;
                    levels.merge(area, level, Level::max);
                }
            }
        });
        return levels;
    }

    /** Why a feature privilege is not one we know, or empty when it is fine (unknown features pass). */
    public static Optional<String> invalidFeaturePrivilege(String feature, String privilege) {
        if (!SECURITY.contains(feature) && !RULES.contains(feature)) {
            return Optional.empty();
        }
        if (wholeFeature(privilege) != Level.NONE) {
            return Optional.empty();
        }
        if (SECURITY.contains(feature)) {
            for (Area area : Area.values()) {
                if (subFeature(privilege, area) != Level.NONE) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("unknown privilege [" + privilege + "] of feature [" + feature + "]");
    }

    public static boolean isBasePrivilege(String privilege) {
        return BASE.contains(privilege);
    }

    private static Level wholeFeature(String privilege) {
        return switch (privilege) {
            case "all", "minimal_all" -> Level.ALL;
            case "read", "minimal_read" -> Level.READ;
            default -> Level.NONE;
        };
    }

    private static Level subFeature(String privilege, Area area) {
        if (privilege.equals(area.id() + "_all")) {
            return Level.ALL;
        }
        return privilege.equals(area.id() + "_read") ? Level.READ : Level.NONE;
    }
}
