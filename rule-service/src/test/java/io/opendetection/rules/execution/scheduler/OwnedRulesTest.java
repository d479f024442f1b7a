package io.opendetection.rules.execution.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a replica keeps of the rules it owns: the document of enabled rules only, the schedule of all. */
class OwnedRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MINIMUM = Duration.ofMinutes(1);

    private static ObjectNode rule(UUID id, boolean enabled, String interval) {
        return JSON.createObjectNode().put("id", id.toString()).put("enabled", enabled).put("interval", interval)
                .put("query", "host.name: a");
    }

    @Test
    void aDisabledRuleKeepsItsScheduleButNotItsDocument() {
        OwnedRules owned = new OwnedRules();
        UUID id = UUID.randomUUID();
        owned.upsert(3, "space-a", rule(id, false, "10m"));
        OwnedRule kept = owned.get(id);
        assertFalse(kept.enabled());
        assertNull(kept.rule());
        assertEquals(Duration.ofMinutes(10), kept.interval(MINIMUM));
        assertEquals("space-a", kept.space());
    }

    @Test
    void anEnabledRuleKeepsItsLatestDocument() {
        OwnedRules owned = new OwnedRules();
        UUID id = UUID.randomUUID();
        owned.upsert(0, "default", rule(id, true, "5m"));
        ObjectNode changed = rule(id, true, "30s");
        owned.upsert(0, "default", changed);
        OwnedRule kept = owned.get(id);
        assertTrue(kept.enabled());
        assertSame(changed, kept.rule());
        assertEquals(MINIMUM, kept.interval(MINIMUM));
    }

    @Test
    void disablingDropsTheDocumentAndEnablingAgainRunsAtOnce() {
        OwnedRules owned = new OwnedRules();
        UUID id = UUID.randomUUID();
        assertTrue(owned.upsert(1, "default", rule(id, true, "5m")), "a new enabled rule may be due at once");
        OwnedRule kept = owned.get(id);
        kept.stateLoaded = true;
        kept.previousStartedAt = Instant.now().minusSeconds(30);
        kept.nextRunAt = Instant.now().plusSeconds(270);
        assertFalse(owned.upsert(1, "default", rule(id, true, "5m")), "a changed rule keeps its next run");

        assertFalse(owned.upsert(1, "default", rule(id, false, "5m")));
        assertSame(kept, owned.get(id));
        assertNull(kept.rule());

        Instant beforeEnabling = Instant.now();
        ObjectNode enabled = rule(id, true, "5m");
        assertTrue(owned.upsert(1, "default", enabled), "a rule enabled again runs at once");
        assertSame(enabled, kept.rule());
        assertNull(kept.previousStartedAt);
        assertFalse(kept.nextRunAt.isBefore(beforeEnabling));
        assertFalse(kept.nextRunAt.isAfter(Instant.now()));
    }

    @Test
    void onlyEnabledRulesAreScheduledAndARuleFirstSeenDisabledRunsAtOnceWhenEnabled() {
        OwnedRules owned = new OwnedRules();
        UUID disabled = UUID.randomUUID();
        UUID enabled = UUID.randomUUID();
        owned.upsert(0, "default", rule(disabled, false, "5m"));
        owned.upsert(1, "default", rule(enabled, true, "5m"));
        assertEquals(java.util.List.of(enabled), owned.enabled().stream().map(OwnedRule::id).toList());
        assertTrue(owned.get(disabled).stateLoaded, "a disabled rule has no schedule to read back");
        assertFalse(owned.get(enabled).stateLoaded, "an enabled rule's schedule is read from PostgreSQL");

        Instant beforeEnabling = Instant.now();
        owned.upsert(0, "default", rule(disabled, true, "5m"));
        OwnedRule nowEnabled = owned.get(disabled);
        assertEquals(2, owned.enabled().size());
        assertNull(nowEnabled.previousStartedAt);
        assertFalse(nowEnabled.nextRunAt.isBefore(beforeEnabling));

        owned.upsert(0, "default", rule(disabled, false, "5m"));
        assertEquals(java.util.List.of(enabled), owned.enabled().stream().map(OwnedRule::id).toList());
        owned.dropPartitions(java.util.List.of(1));
        assertTrue(owned.enabled().isEmpty());
        owned.upsert(0, "default", rule(disabled, true, "5m"));
        owned.remove(disabled);
        assertTrue(owned.enabled().isEmpty());
        assertNull(owned.get(disabled));
    }
}
