package io.opendetection.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads and serves, taken from its sources rather than restated: the environment
 * variables its configuration refers to (application.properties, the shared libraries'
 * microprofile-config.properties, the service URLs of service-common's Backend), which of them
 * have no default, its port and whether it serves SmallRye Health.
 */
record ServiceSources(String module, int defaultPort, Map<String, Boolean> variables, boolean servesHealth,
                      List<String> properties) {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");
    private static final Pattern PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{HTTP_PORT:(\\d+)}");
    private static final Pattern BACKEND_VARIABLE = Pattern.compile("\"([A-Z]+_SERVICE_URL)\"");
    private static final String SERVICE_COMMON = "libs/service-common";
    private static final String ELASTICSEARCH_COMMON = "libs/elasticsearch-common";
    private static final String SHARED_CONFIG = "/src/main/resources/META-INF/microprofile-config.properties";

    /** The services: the reactor's modules that are Quarkus applications. */
    static List<String> modules() {
        Document pom = xml(Repository.path("pom.xml"));
        List<String> modules = new ArrayList<>();
        var nodes = pom.getElementsByTagName("module");
        for (int i = 0; i < nodes.getLength(); i++) {
            String module = nodes.item(i).getTextContent().trim();
            if (Files.isRegularFile(Repository.path(module + "/src/main/resources/application.properties"))) {
                modules.add(module);
            }
        }
        return modules;
    }

    static ServiceSources of(String module) {
        List<String> files = new ArrayList<>(List.of(module + "/src/main/resources/application.properties"));
        List<String> dependencies = dependencies(module);
        boolean health = dependencies.contains("quarkus-smallrye-health");
        Map<String, Boolean> variables = new LinkedHashMap<>();
        if (dependencies.contains("service-common")) {
            files.add(SERVICE_COMMON + SHARED_CONFIG);
            health |= dependencies(SERVICE_COMMON).contains("quarkus-smallrye-health");
            // read with a default (Backend.defaultUrl) by ServiceCalls
            Matcher backend = BACKEND_VARIABLE.matcher(Repository.read(SERVICE_COMMON
                    + "/src/main/java/io/opendetection/common/calls/Backend.java"));
            while (backend.find()) {
                variables.put(backend.group(1), true);
            }
        }
        if (dependencies.contains("elasticsearch-common")) {
            files.add(ELASTICSEARCH_COMMON + SHARED_CONFIG);
        }
        List<String> properties = new ArrayList<>();
        for (String file : files) {
            for (String line : Repository.read(file).split("\n")) {
                String trimmed = line.trim();
                // comments, and profile-specific values (%test.…) that never apply in a deployment
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%")) {
                    continue;
                }
                properties.add(trimmed);
                Matcher reference = REFERENCE.matcher(trimmed);
                while (reference.find()) {
                    variables.merge(reference.group(1), reference.group(2) != null, Boolean::logicalOr);
                }
            }
        }
        Matcher port = PORT.matcher(Repository.read(files.get(0)));
        if (!port.find()) {
            throw new AssertionError(module + ": no quarkus.http.port=${HTTP_PORT:<port>} in application.properties");
        }
        return new ServiceSources(module, Integer.parseInt(port.group(1)), variables, health, properties);
    }

    /** The artifactIds a module's pom depends on (its own dependencies, not its dependency management). */
    static List<String> dependencies(String module) {
        Document pom = xml(Repository.path(module + "/pom.xml"));
        List<String> artifacts = new ArrayList<>();
        for (Node dependencies = pom.getDocumentElement().getFirstChild(); dependencies != null;
             dependencies = dependencies.getNextSibling()) {
            if (dependencies instanceof Element element && element.getTagName().equals("dependencies")) {
                var list = element.getElementsByTagName("dependency");
                for (int i = 0; i < list.getLength(); i++) {
                    Element dependency = (Element) list.item(i);
                    var scope = dependency.getElementsByTagName("scope");
                    if (scope.getLength() == 0 || !scope.item(0).getTextContent().trim().equals("test")) {
                        artifacts.add(dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim());
                    }
                }
            }
        }
        return artifacts;
    }

    static Document xml(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + file, e);
        }
    }

    /** The variables that have no default anywhere: the service cannot start without them. */
    List<String> required() {
        return variables.entrySet().stream().filter(entry -> !entry.getValue()).map(Map.Entry::getKey).toList();
    }
}
