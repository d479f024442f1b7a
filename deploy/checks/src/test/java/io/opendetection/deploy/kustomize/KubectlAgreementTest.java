package io.opendetection.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where kubectl is installed, its kustomize and ours render every kustomization of deploy/ (and
 * the test fixture) to the same objects. Elsewhere the test is skipped and says so.
 */
class KubectlAgreementTest {
    private static final Path ROOT = Path.of(System.getProperty("detection.root", "../..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/topics/strimzi", "deploy/topics/job", "deploy/overlays/dev",
            "deploy/overlays/production", "deploy/checks/src/test/resources/kustomize/merge/overlay"})
    void kubectlRendersTheSameObjects(String kustomization) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not installed here: the rendering is checked by KustomizeTest only");
        Path dir = ROOT.resolve(kustomization);
        Path output = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + kustomization);
            Map<ResourceId, JsonNode> expected = new HashMap<>();
            for (JsonNode document : Kustomize.readDocuments(output)) {
                expected.put(ResourceId.of(document), document);
            }
            List<ObjectNode> ours = Kustomize.build(dir);
            Map<ResourceId, JsonNode> rendered = KustomizeTest.byId(ours);
            assertEquals(ours.size(), rendered.size());
            assertEquals(expected.keySet(), rendered.keySet(), kustomization);
            expected.forEach((id, object) -> assertEquals(object, rendered.get(id), kustomization + ": " + id));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path kubectl() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
