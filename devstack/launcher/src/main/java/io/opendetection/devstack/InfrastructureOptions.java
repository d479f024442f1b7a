package io.opendetection.devstack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What infrastructure to start, where, and on which loopback ports. The devstack uses the
 * well-known ports; the test kit uses free ones.
 *
 * @param roles PostgreSQL login roles to provision, each with a schema of its own name
 */
public record InfrastructureOptions(
        Path workDir,
        Set<Component> components,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int elasticsearchPort,
        int elasticsearchTransportPort,
        String database,
        String superuserPassword,
        Map<String, String> roles,
        String elasticsearchHeap) {

    public enum Component {
        POSTGRES, KAFKA, ELASTICSEARCH;

        public static Set<Component> parse(String commaSeparated) {
            Set<Component> set = EnumSet.noneOf(Component.class);
            for (String part : commaSeparated.split(",")) {
                if (!part.isBlank()) {
                    set.add(Component.valueOf(part.trim().toUpperCase(java.util.Locale.ROOT)));
                }
            }
            return set;
        }
    }

    /** Every component on free ports under {@code workDir}, as tests want them. */
    public static InfrastructureOptions forTests(Path workDir, Set<Component> components, String superuserPassword,
                                                 Map<String, String> roles) {
        return new InfrastructureOptions(workDir, components, Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), "detection", superuserPassword, Map.copyOf(roles), "768m");
    }

    public boolean has(Component component) {
        return components.contains(component);
    }
}
