package io.opendetection.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.deploy.Rendering.EnvValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's Deployment, in each overlay, against what the service itself reads and serves:
 * its environment variables, its port, its health endpoints, the keys it loads from files and
 * the URLs of the services it calls.
 */
class ServiceWiringTest {
    /**
     * Read by the image's launcher (run-java.sh of the ubi9 OpenJDK runtime image Quarkus's Jib
     * build starts from), not by the service: the heap as a percentage of the container's memory limit.
     */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO");
    /** SmallRye Health's endpoints under Quarkus's default non-application root. */
    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");

    static Stream<Arguments> deployments() {
        return Rendering.OVERLAYS.stream().flatMap(overlay ->
                ServiceSources.modules().stream().map(module -> Arguments.of(overlay, module)));
    }

    @Test
    void theServicesAreTheReactorsQuarkusApplications() {
        assertEquals(List.of("gateway", "rule-service", "alert-service", "exceptions-service", "lists-service"),
                ServiceSources.modules());
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyVariableSetIsOneTheServiceReads(String overlay, String module) {
        ServiceSources service = ServiceSources.of(module);
        Map<String, EnvValue> environment = environment(overlay, module);
        List<String> unread = environment.keySet().stream()
                .filter(variable -> !service.variables().containsKey(variable) && !LAUNCHER_VARIABLES.contains(variable))
                .toList();
        assertTrue(unread.isEmpty(), overlay + ": " + module + " reads none of " + unread);
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyVariableTheServiceRequiresIsSet(String overlay, String module) {
        ServiceSources service = ServiceSources.of(module);
        Map<String, EnvValue> environment = environment(overlay, module);
        assertFalse(service.required().isEmpty(), module + ": every service needs its caller-token key");
        for (String required : service.required()) {
            assertTrue(environment.containsKey(required), overlay + ": " + module + " cannot start without " + required);
        }
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void everyVariableTheReadmeDocumentsIsSetExplicitly(String overlay, String module) {
        Map<String, EnvValue> environment = environment(overlay, module);
        List<String> missing = ConfigurationTable.documentedFor(module, ServiceSources.modules()).stream()
                .filter(variable -> !environment.containsKey(variable)).toList();
        assertTrue(missing.isEmpty(), overlay + ": " + module + " leaves " + missing + " to the service's default");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void listensOnAllInterfacesOnItsOwnPort(String overlay, String module) {
        ServiceSources service = ServiceSources.of(module);
        Map<String, EnvValue> environment = environment(overlay, module);
        assertEquals("0.0.0.0", environment.get("HTTP_HOST").value(), overlay + ": " + module + " must listen beyond loopback");
        int port = Integer.parseInt(environment.get("HTTP_PORT").value());
        assertEquals(service.defaultPort(), port, overlay + ": " + module + "'s port");
        assertEquals(port, containerPort(container(overlay, module), "http"), overlay + ": " + module + "'s container port http");
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void probesAskTheHealthTheServiceServes(String overlay, String module) {
        ServiceSources service = ServiceSources.of(module);
        assertTrue(service.servesHealth(), module + " has no SmallRye Health");
        for (String property : service.properties()) {
            String key = property.substring(0, Math.max(property.indexOf('='), 0));
            boolean moves = key.equals("quarkus.management.enabled") || key.equals("quarkus.http.non-application-root-path")
                    || key.startsWith("quarkus.smallrye-health.") && key.endsWith("path");
            assertFalse(moves, module + " moves its health endpoints: " + property);
        }
        JsonNode container = container(overlay, module);
        int port = Integer.parseInt(environment(overlay, module).get("HTTP_PORT").value());
        PROBE_PATHS.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), overlay + ": " + module + " " + probe);
            JsonNode probePort = get.path("port");
            assertEquals(port, probePort.isInt() ? probePort.asInt() : containerPort(container, probePort.asText()),
                    overlay + ": " + module + " " + probe + " port");
        });
    }

    /** Every key location points at a file of a Secret mounted in the container. */
    @ParameterizedTest
    @MethodSource("deployments")
    void keysAreFilesOfMountedSecrets(String overlay, String module) {
        Rendering rendering = Rendering.of(overlay);
        ObjectNode deployment = rendering.get("Deployment", module);
        JsonNode container = container(overlay, module);
        List<String> locations = environment(overlay, module).keySet().stream().filter(name -> name.endsWith("_KEY_LOCATION")).toList();
        assertFalse(locations.isEmpty(), module + " is given no caller-token key");
        for (String variable : locations) {
            String file = environment(overlay, module).get(variable).value();
            assertNotNull(file, variable + " must be a path in a ConfigMap, not a secret value");
            JsonNode mount = null;
            for (JsonNode candidate : container.path("volumeMounts")) {
                if (file.startsWith(candidate.path("mountPath").asText() + "/")) {
                    mount = candidate;
                }
            }
            assertNotNull(mount, overlay + ": " + module + ": nothing is mounted where " + variable + "=" + file);
            String relative = file.substring(mount.path("mountPath").asText().length() + 1);
            JsonNode volume = null;
            for (JsonNode candidate : Rendering.podSpec(deployment).path("volumes")) {
                if (candidate.path("name").asText().equals(mount.path("name").asText())) {
                    volume = candidate;
                }
            }
            assertNotNull(volume, overlay + ": " + module + ": no volume " + mount.path("name").asText());
            assertTrue(volume.has("secret"), overlay + ": " + module + ": " + variable + " must come from a Secret");
            boolean present = false;
            for (JsonNode item : volume.path("secret").path("items")) {
                present |= item.path("path").asText().equals(relative);
            }
            assertTrue(present, overlay + ": " + module + ": the Secret volume has no item " + relative);
        }
    }

    /** Each *_SERVICE_URL names a Service, on a port of it, that leads to the Deployment of that service. */
    @ParameterizedTest
    @MethodSource("deployments")
    void serviceUrlsLeadToTheirServices(String overlay, String module) {
        Rendering rendering = Rendering.of(overlay);
        environment(overlay, module).forEach((variable, value) -> {
            if (!variable.endsWith("_SERVICE_URL")) {
                return;
            }
            String target = variable.substring(0, variable.length() - "_URL".length()).toLowerCase().replace('_', '-');
            URI url = URI.create(value.value());
            assertEquals("http", url.getScheme(), variable);
            ObjectNode service = rendering.get("Service", url.getHost());
            JsonNode servicePort = null;
            for (JsonNode candidate : service.path("spec").path("ports")) {
                if (candidate.path("port").asInt() == url.getPort()) {
                    servicePort = candidate;
                }
            }
            assertNotNull(servicePort, overlay + ": " + variable + ": Service " + url.getHost() + " has no port " + url.getPort());
            Map<String, String> selector = Rendering.map(service.path("spec").path("selector"));
            assertFalse(selector.isEmpty(), overlay + ": Service " + url.getHost() + " selects nothing");
            assertTrue(Rendering.templateLabels(rendering.get("Deployment", target)).entrySet().containsAll(selector.entrySet()),
                    overlay + ": " + variable + ": Service " + url.getHost() + " does not select " + target);
            JsonNode targetPort = servicePort.path("targetPort");
            int reached = targetPort.isInt() ? targetPort.asInt() : containerPort(container(overlay, target), targetPort.asText());
            assertEquals(ServiceSources.of(target).defaultPort(), reached, overlay + ": " + variable + " reaches the wrong port");
        });
    }

    static Map<String, EnvValue> environment(String overlay, String module) {
        return Rendering.of(overlay).environment(container(overlay, module));
    }

    static JsonNode container(String overlay, String module) {
        for (JsonNode container : Rendering.podSpec(Rendering.of(overlay).get("Deployment", module)).path("containers")) {
            if (container.path("name").asText().equals(module)) {
                return container;
            }
        }
        throw new AssertionError(overlay + ": Deployment " + module + " has no container " + module);
    }

    static int containerPort(JsonNode container, String name) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                ports.add(port.path("containerPort").asInt());
            }
        }
        assertEquals(1, ports.size(), "container " + container.path("name").asText() + " port " + name);
        return ports.get(0);
    }
}
