package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of the partitions this replica owns, as {@link RuleOwnership} reads them from the
 * compacted topic. A rule enabled again runs at once and without gap, as Kibana's re-enabled rule
 * does; a changed rule keeps its schedule and runs its new version from its next run.
 */
@ApplicationScoped
public class OwnedRules {
    private final Map<UUID, OwnedRule> rules = new ConcurrentHashMap<>();
    // The enabled ones apart: the scheduler looks through them every tick and whenever a run ends,
    // and most owned rules are disabled (streaming 120,000 of them each time was a quarter of rule-service's CPU during an import).
    private final Map<UUID, OwnedRule> enabled = new ConcurrentHashMap<>();

    /**
     * Keeps the rule's latest change; answers whether it may be due at once (enabled, and new to this
     * replica or enabled again), so that the scheduler looks now rather than at its next tick.
     */
    public boolean upsert(int partition, String space, JsonNode rule) {
        UUID id = UUID.fromString(rule.path("id").asText());
        OwnedRule current = rules.compute(id, (key, known) -> {
            if (known == null || known.partition != partition) {
                return new OwnedRule(id, partition, space, rule);
            }
            boolean reenabled = known.update(space, rule);
            if (reenabled && known.stateLoaded) {
                known.previousStartedAt = null;
                known.nextRunAt = Instant.now();
            }
            return known;
        });
        if (current.enabled()) {
            enabled.put(id, current);
            return !current.stateLoaded || current.nextRunAt == null || !current.nextRunAt.isAfter(Instant.now());
        }
        enabled.remove(id);
        return false;
    }

    public void remove(UUID id) {
        rules.remove(id);
        enabled.remove(id);
    }

    /** Partitions that moved to another replica take their rules with them. */
    public void dropPartitions(Collection<Integer> partitions) {
        rules.values().removeIf(rule -> partitions.contains(rule.partition));
        enabled.values().removeIf(rule -> partitions.contains(rule.partition));
    }

    public Collection<OwnedRule> all() {
        return rules.values();
    }

    /** The owned rules that are enabled: the only ones that run on schedule. */
    public Collection<OwnedRule> enabled() {
        return enabled.values();
    }

    public OwnedRule get(UUID id) {
        return rules.get(id);
    }

    public List<UUID> ids() {
        return List.copyOf(rules.keySet());
    }

    public int size() {
        return rules.size();
    }
}
