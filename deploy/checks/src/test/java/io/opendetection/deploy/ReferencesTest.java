package io.opendetection.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labels and selectors agree, and every object named by another exists (or the README tells the user to create it). */
class ReferencesTest {

    static List<String> overlays() {
        return Rendering.OVERLAYS;
    }

    @Test
    void bothOverlaysAreChecked() {
        assertTrue(Rendering.OVERLAYS.containsAll(List.of("overlays/dev", "overlays/production")), Rendering.OVERLAYS.toString());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void workloadSelectorsMatchTheirOwnPodsOnly(String overlay) {
        Rendering rendering = Rendering.of(overlay);
        for (ObjectNode deployment : rendering.all("Deployment")) {
            Map<String, String> selector = Rendering.map(deployment.path("spec").path("selector").path("matchLabels"));
            assertFalse(selector.isEmpty(), Rendering.name(deployment) + " selects nothing");
            assertTrue(matches(selector, Rendering.templateLabels(deployment)), Rendering.name(deployment) + " does not select its own pods");
            assertEquals(List.of(Rendering.name(deployment)), selected(rendering, selector),
                    Rendering.name(deployment) + "'s selector also matches other pods");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesBudgetsAndAutoscalersTargetExactlyOneDeployment(String overlay) {
        Rendering rendering = Rendering.of(overlay);
        for (ObjectNode service : rendering.all("Service")) {
            assertEquals(1, selected(rendering, Rendering.map(service.path("spec").path("selector"))).size(),
                    "Service " + Rendering.name(service));
        }
        for (ObjectNode budget : rendering.all("PodDisruptionBudget")) {
            assertEquals(1, selected(rendering, Rendering.map(budget.path("spec").path("selector").path("matchLabels"))).size(),
                    "PodDisruptionBudget " + Rendering.name(budget));
        }
        for (ObjectNode autoscaler : rendering.all("HorizontalPodAutoscaler")) {
            JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
            assertEquals("Deployment", target.path("kind").asText());
            ObjectNode deployment = rendering.get("Deployment", target.path("name").asText());
            // with replicas in the manifest, every apply would reset what the autoscaler chose
            assertTrue(deployment.path("spec").path("replicas").isMissingNode(), "Deployment " + Rendering.name(deployment)
                    + " is autoscaled and must not set replicas");
            assertTrue(autoscaler.path("spec").path("minReplicas").asInt() <= autoscaler.path("spec").path("maxReplicas").asInt());
        }
        Set<String> scaled = new TreeSet<>();
        rendering.all("HorizontalPodAutoscaler").forEach(autoscaler -> scaled.add(autoscaler.path("spec").path("scaleTargetRef").path("name").asText()));
        Set<String> budgeted = new TreeSet<>();
        rendering.all("PodDisruptionBudget").forEach(budget -> budgeted.add(Rendering.name(budget)));
        assertEquals(Set.of("gateway", "rule-service"), scaled, "autoscaled: the executors and the entry point");
        assertEquals(Set.of("gateway", "rule-service"), budgeted, "disruption budgets");
    }

    @Test
    void productionRunsTwoOrMoreOfEachServiceOnDifferentNodes() {
        Rendering production = Rendering.of("overlays/production");
        for (String service : ServiceSources.modules()) {
            assertTrue(replicas(production, service) >= 2, "production: " + service + " replicas");
            JsonNode terms = Rendering.podSpec(production.get("Deployment", service)).path("affinity").path("podAntiAffinity")
                    .path("preferredDuringSchedulingIgnoredDuringExecution");
            boolean apart = false;
            for (JsonNode term : terms) {
                JsonNode affinity = term.path("podAffinityTerm");
                apart |= affinity.path("topologyKey").asText().equals("kubernetes.io/hostname")
                        && matches(Rendering.map(affinity.path("labelSelector").path("matchLabels")),
                        Rendering.templateLabels(production.get("Deployment", service)));
            }
            assertTrue(apart, "production: " + service + "'s replicas are kept on different nodes");
        }
    }

    @Test
    void devRunsOneOfEachService() {
        Rendering dev = Rendering.of("overlays/dev");
        for (String service : ServiceSources.modules()) {
            assertEquals(1, replicas(dev, service), "dev: " + service + " replicas");
        }
    }

    /** The replicas a service starts with: its autoscaler's minimum, or the Deployment's count (1 when absent). */
    private static int replicas(Rendering rendering, String service) {
        return rendering.find("HorizontalPodAutoscaler", service)
                .map(autoscaler -> autoscaler.path("spec").path("minReplicas").asInt(1))
                .orElseGet(() -> rendering.get("Deployment", service).path("spec").path("replicas").asInt(1));
    }

    /** Every pod of ours falls under the default-deny policy. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodOfOursIsUnderTheDefaultDeny(String overlay) {
        Rendering rendering = Rendering.of(overlay);
        ObjectNode deny = rendering.get("NetworkPolicy", "opendetection-default-deny");
        Map<String, String> selector = Rendering.map(deny.path("spec").path("podSelector").path("matchLabels"));
        for (ObjectNode workload : rendering.workloads()) {
            assertTrue(matches(selector, Rendering.templateLabels(workload)), Rendering.name(workload));
        }
        for (ObjectNode policy : rendering.all("NetworkPolicy")) {
            Map<String, String> policySelector = Rendering.map(policy.path("spec").path("podSelector").path("matchLabels"));
            assertFalse(selected(rendering, policySelector).isEmpty(), "NetworkPolicy " + Rendering.name(policy) + " selects no pod");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapAndSecretNamedExists(String overlay) {
        Rendering rendering = Rendering.of(overlay);
        String guide = Repository.read("deploy/README.md");
        List<String> problems = new ArrayList<>();
        for (ObjectNode workload : rendering.workloads()) {
            String owner = Rendering.name(workload);
            JsonNode pod = Rendering.podSpec(workload);
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode source : container.path("envFrom")) {
                    requireConfigMap(rendering, source.path("configMapRef").path("name").asText(), null, owner, problems);
                }
                for (JsonNode variable : container.path("env")) {
                    JsonNode from = variable.path("valueFrom");
                    if (from.has("configMapKeyRef")) {
                        requireConfigMap(rendering, from.path("configMapKeyRef").path("name").asText(),
                                from.path("configMapKeyRef").path("key").asText(), owner, problems);
                    }
                    if (from.has("secretKeyRef")) {
                        requireSecret(rendering, guide, from.path("secretKeyRef").path("name").asText(),
                                from.path("secretKeyRef").path("key").asText(), owner, problems);
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("configMap")) {
                    requireConfigMap(rendering, volume.path("configMap").path("name").asText(), null, owner, problems);
                }
                if (volume.has("secret")) {
                    for (JsonNode item : volume.path("secret").path("items")) {
                        requireSecret(rendering, guide, volume.path("secret").path("secretName").asText(),
                                item.path("key").asText(), owner, problems);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), overlay + ":\n" + String.join("\n", problems));
    }

    private static void requireConfigMap(Rendering rendering, String name, String key, String owner, List<String> problems) {
        var map = rendering.find("ConfigMap", name);
        if (map.isEmpty()) {
            problems.add(owner + ": ConfigMap " + name + " does not exist");
        } else if (key != null && !map.get().path("data").has(key)) {
            problems.add(owner + ": ConfigMap " + name + " has no key " + key);
        }
    }

    /** A Secret is either in the rendering, with the key, or one the user creates: deploy/README.md must say how. */
    private static void requireSecret(Rendering rendering, String guide, String name, String key, String owner, List<String> problems) {
        var secret = rendering.find("Secret", name);
        if (secret.isEmpty()) {
            if (!guide.contains("secret generic " + name) || !guide.contains(key)) {
                problems.add(owner + ": Secret " + name + " (key " + key + ") is neither rendered nor created by a command of deploy/README.md");
            }
        } else if (!secret.get().path("stringData").has(key) && !secret.get().path("data").has(key)) {
            problems.add(owner + ": Secret " + name + " has no key " + key);
        }
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The names of the workloads whose pods a selector matches. */
    static List<String> selected(Rendering rendering, Map<String, String> selector) {
        return rendering.workloads().stream().filter(workload -> matches(selector, Rendering.templateLabels(workload)))
                .map(Rendering::name).toList();
    }
}
