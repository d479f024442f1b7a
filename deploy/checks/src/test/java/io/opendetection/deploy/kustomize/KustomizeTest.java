package io.opendetection.deploy.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KustomizeTest {

    static Path fixture(String name) {
        try {
            return Path.of(KustomizeTest.class.getResource("/kustomize/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's expected.yaml was checked against kubectl kustomize (see KubectlAgreementTest). */
    @Test
    void overlayMergesPatchesSetsNamespaceAndReplicas() {
        Map<ResourceId, JsonNode> rendered = byId(Kustomize.build(fixture("merge/overlay")));
        Map<ResourceId, JsonNode> expected = new HashMap<>();
        for (JsonNode document : Kustomize.readDocuments(fixture("merge/expected.yaml"))) {
            expected.put(ResourceId.of(document), document);
        }
        assertEquals(expected.keySet(), rendered.keySet());
        expected.forEach((id, object) -> assertEquals(object, rendered.get(id), id.toString()));
    }

    @Test
    void baseRendersUntouched() {
        List<ObjectNode> objects = Kustomize.build(fixture("merge/base"));
        assertEquals(3, objects.size());
        assertTrue(objects.stream().allMatch(object -> object.path("metadata").path("namespace").isMissingNode()));
    }

    @ParameterizedTest
    @CsvSource({
            "refused/unsupported-field, the field 'commonLabels' is not supported",
            "refused/outside-file, lies outside the kustomization's directory",
            "refused/duplicate, is declared twice",
            "refused/no-target, matches 0 objects",
            "refused/directive, the patch directive",
            "refused/ports, a patch of the list",
    })
    void refusesWhatItCannotRenderFaithfully(String fixture, String reason) {
        KustomizeException refused = assertThrows(KustomizeException.class, () -> Kustomize.build(fixture(fixture)));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    static Map<ResourceId, JsonNode> byId(List<ObjectNode> objects) {
        Map<ResourceId, JsonNode> byId = new HashMap<>();
        objects.forEach(object -> byId.put(ResourceId.of(object), object));
        return byId;
    }
}
