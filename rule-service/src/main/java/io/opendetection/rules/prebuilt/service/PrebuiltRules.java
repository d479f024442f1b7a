package io.opendetection.rules.prebuilt.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.rules.prebuilt.model.PrebuiltPackage;
import io.opendetection.rules.rule.model.EditorPrivileges;
import io.opendetection.rules.rule.model.RuleFactory;
import io.opendetection.rules.rule.persistence.RuleRepository;
import io.opendetection.rules.rule.service.RuleChanges;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Prebuilt rules from the package configured by {@code RULES_PREBUILT_PACKAGE}: what is installed
 * in the space against what the package offers, and installing or upgrading to it. No package
 * configured reads as an empty one.
 */
@ApplicationScoped
public class PrebuiltRules {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @ConfigProperty(name = "detection.rules.prebuilt-package")
    Optional<String> packageLocation;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    RuleRepository rules;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    private volatile PrebuiltPackage loaded;

    /** The package, read once (on a worker thread: it is file I/O). */
    private Uni<PrebuiltPackage> rulesPackage() {
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        return Uni.createFrom().item(() -> packageLocation.filter(location -> !location.isBlank())
                        .map(location -> PrebuiltPackage.load(Path.of(location), json))
                        .orElseGet(PrebuiltPackage::empty))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(read -> loaded = read);
    }

    public Uni<ObjectNode> status() {
        String space = caller.space();
        return rulesPackage().chain(available -> Uni.combine().all()
                .unis(rules.prebuilt(space), rules.count(space, null)).asTuple().map(state -> {
                    Map<String, ObjectNode> installed = state.getItem1();
                    int notInstalled = 0;
                    int notUpdated = 0;
                    for (JsonNode rule : available.rules()) {
                        ObjectNode current = installed.get(rule.get("rule_id").asText());
                        if (current == null) {
                            notInstalled++;
                        } else if (rule.path("version").asInt(1) > current.path("version").asInt()) {
                            notUpdated++;
                        }
                    }
                    ObjectNode status = JSON.objectNode();
                    status.put("rules_custom_installed", state.getItem2() - installed.size());
                    status.put("rules_installed", installed.size());
                    status.put("rules_not_installed", notInstalled);
                    status.put("rules_not_updated", notUpdated);
                    status.put("timelines_installed", 0);
                    status.put("timelines_not_installed", 0);
                    status.put("timelines_not_updated", 0);
                    return status;
                }));
    }

    /** Installs the package's rules the space lacks and upgrades those it has at an older version, in one transaction. */
    public Uni<ObjectNode> install() {
        String space = caller.space();
        String user = caller.user();
        EditorPrivileges editor = EditorPrivileges.of(caller);
        Instant now = Instant.now();
        return rulesPackage().chain(available -> pool.withTransaction(tx -> {
                    List<String> ruleIds = available.rules().stream().map(rule -> rule.get("rule_id").asText()).toList();
                    return rules.findByRuleIds(tx, space, ruleIds, true).chain(existing -> {
                        List<ObjectNode> installs = new ArrayList<>();
                        List<ObjectNode> upgrades = new ArrayList<>();
                        List<OutboxEvent> events = new ArrayList<>();
                        for (JsonNode rule : available.rules()) {
                            ObjectNode current = existing.get(rule.get("rule_id").asText());
                            if (current == null) {
                                ObjectNode installed = RuleFactory.prebuilt(rule, UUID.randomUUID(), user, now);
                                installs.add(installed);
                                events.add(RuleChanges.created(space, installed));
                            } else if (RuleFactory.isPrebuilt(current)
                                    && rule.path("version").asInt(1) > current.path("version").asInt()) {
                                ObjectNode upgraded = RuleFactory.upgraded(current, rule, user, now);
                                upgrades.add(upgraded);
                                events.add(RuleChanges.updated(space, upgraded));
                            }
                        }
                        ObjectNode result = JSON.objectNode().put("rules_installed", installs.size())
                                .put("rules_updated", upgrades.size()).put("timelines_installed", 0)
                                .put("timelines_updated", 0);
                        return rules.insertAll(tx, space, installs, editor)
                                .chain(() -> rules.updateAll(tx, space, upgrades, editor))
                                .chain(() -> outbox.append(tx, events))
                                .replaceWith(result);
                    });
                }))
                .invoke(outbox::committed);
    }
}
