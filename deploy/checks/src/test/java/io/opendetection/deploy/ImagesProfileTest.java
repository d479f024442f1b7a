package io.opendetection.deploy;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Maven profile that builds the services' images (quarkus-parent's {@code images}) names them
 * exactly as the Deployments pull them, and applies to the services only.
 */
class ImagesProfileTest {

    @Test
    void deploymentsPullTheImagesTheProfileBuilds() {
        Element profile = imagesProfile();
        Map<String, String> properties = new HashMap<>();
        Element props = child(profile, "properties");
        for (var node = props.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element property) {
                properties.put(property.getTagName(), property.getTextContent().trim());
            }
        }
        assertEquals("true", properties.get("quarkus.container-image.build"));
        assertEquals("${project.artifactId}", properties.get("quarkus.container-image.name"));
        assertEquals("${project.version}", properties.get("quarkus.container-image.tag"));
        String version = child(ServiceSources.xml(Repository.path("pom.xml")).getDocumentElement(), "version").getTextContent().trim();

        for (String module : ServiceSources.modules()) {
            String artifactId = child(ServiceSources.xml(Repository.path(module + "/pom.xml")).getDocumentElement(), "artifactId")
                    .getTextContent().trim();
            String image = properties.get("quarkus.container-image.registry") + "/" + properties.get("quarkus.container-image.group")
                    + "/" + artifactId + ":" + version;
            for (String overlay : Rendering.OVERLAYS) {
                String pulled = ServiceWiringTest.container(overlay, module).path("image").asText();
                assertEquals(image, pulled, overlay + ": " + module + "'s image");
            }
        }
    }

    @Test
    void theProfileAddsJibToTheServicesOnly() {
        Element profile = imagesProfile();
        Element activation = child(profile, "activation");
        assertEquals("images", child(child(activation, "property"), "name").getTextContent().trim());
        assertEquals("${basedir}/src/main/resources/application.properties",
                child(child(activation, "file"), "exists").getTextContent().trim());
        var artifacts = child(profile, "dependencies").getElementsByTagName("artifactId");
        assertEquals(1, artifacts.getLength());
        assertEquals("quarkus-container-image-jib", artifacts.item(0).getTextContent().trim());
    }

    private static Element imagesProfile() {
        Document pom = ServiceSources.xml(Repository.path("quarkus-parent/pom.xml"));
        var profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (child(profile, "id").getTextContent().trim().equals("images")) {
                return profile;
            }
        }
        throw new AssertionError("quarkus-parent/pom.xml has no profile 'images'");
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }
}
