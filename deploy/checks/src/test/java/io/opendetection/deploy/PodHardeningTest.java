package io.opendetection.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every pod we run (the services and the topics Job): non-root, read-only, sized, and stopped gracefully. */
class PodHardeningTest {
    /** RSS of a service at rest with the default heap, measured on the devstack: 194–209 MB. */
    private static final long MEASURED_RSS_BYTES = 209L * 1000 * 1000;
    /** rule-service finishes its execution window before it stops. */
    private static final int EXECUTION_WINDOW_GRACE_SECONDS = 90;

    static Stream<Arguments> workloads() {
        return Rendering.OVERLAYS.stream().flatMap(overlay ->
                Rendering.of(overlay).workloads().stream().map(workload -> Arguments.of(overlay, Rendering.name(workload))));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void runsAsNonRootOnAReadOnlyRootFilesystem(String overlay, String name) {
        ObjectNode workload = workload(overlay, name);
        JsonNode pod = Rendering.podSpec(workload);
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0, name + ": a non-root runAsUser");
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), name + ": seccomp");
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + ": no API token in the pod");
        ObjectNode account = Rendering.of(overlay).get("ServiceAccount", pod.path("serviceAccountName").asText());
        assertFalse(account.path("automountServiceAccountToken").asBoolean(true), name + ": its ServiceAccount mounts no token");
        for (JsonNode container : pod.path("containers")) {
            JsonNode security = container.path("securityContext");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + ": read-only root filesystem");
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name + ": no privilege escalation");
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), name + ": every capability dropped");
            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertTrue(tmpVolume != null, name + ": /tmp must be writable");
            boolean emptyDir = false;
            for (JsonNode volume : pod.path("volumes")) {
                emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
            }
            assertTrue(emptyDir, name + ": /tmp is an emptyDir");
        }
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void requestsAndLimitsFitTheMeasuredFootprint(String overlay, String name) {
        for (JsonNode container : Rendering.podSpec(workload(overlay, name)).path("containers")) {
            JsonNode resources = container.path("resources");
            for (String resource : new String[]{"cpu", "memory"}) {
                BigDecimal request = quantity(resources.path("requests").path(resource).asText());
                BigDecimal limit = quantity(resources.path("limits").path(resource).asText());
                assertTrue(request.signum() > 0 && limit.compareTo(request) >= 0, name + ": " + resource + " request ≤ limit");
            }
            if (workload(overlay, name).path("kind").asText().equals("Deployment")) {
                BigDecimal request = quantity(resources.path("requests").path("memory").asText());
                BigDecimal limit = quantity(resources.path("limits").path("memory").asText());
                // room for the heap to grow under load above the resting footprint
                assertTrue(request.compareTo(BigDecimal.valueOf(MEASURED_RSS_BYTES * 3 / 2)) >= 0, name + ": memory request");
                assertTrue(limit.compareTo(BigDecimal.valueOf(MEASURED_RSS_BYTES * 3)) >= 0, name + ": memory limit");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void stopsGracefully(String overlay, String name) {
        ObjectNode workload = workload(overlay, name);
        if (!workload.path("kind").asText().equals("Deployment")) {
            return;
        }
        int grace = Rendering.podSpec(workload).path("terminationGracePeriodSeconds").asInt(30);
        assertTrue(grace >= (name.equals("rule-service") ? EXECUTION_WINDOW_GRACE_SECONDS : 30), name + ": terminationGracePeriodSeconds");
        assertEquals(0, workload.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1),
                name + ": a rollout never takes a serving replica away first");
    }

    private static ObjectNode workload(String overlay, String name) {
        return Rendering.of(overlay).workloads().stream().filter(workload -> Rendering.name(workload).equals(name))
                .findFirst().orElseThrow();
    }

    /** A Kubernetes quantity (100m, 1, 768Mi, 1Gi, 2G) as a plain number. */
    static BigDecimal quantity(String text) {
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"k", "1000"}, {"M", "1000000"},
                {"G", "1000000000"}, {"m", "0.001"}};
        for (String[] suffix : suffixes) {
            if (text.endsWith(suffix[0])) {
                return new BigDecimal(text.substring(0, text.length() - suffix[0].length())).multiply(new BigDecimal(suffix[1]));
            }
        }
        if (text.isEmpty()) {
            throw new AssertionError("a request or limit is missing");
        }
        return new BigDecimal(text);
    }
}
