package io.opendetection.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the built artifacts of the reactor are. The launcher starts every process from the
 * build output of its module, so it needs the reactor root: the {@code detection.root} system
 * property (set by Maven for tests), the {@code DETECTION_ROOT} environment variable, or the
 * nearest folder above the working directory that holds {@code mvnw} and {@code devstack/}.
 */
public final class ProjectLayout {
    private final Path root;

    public ProjectLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static ProjectLayout discover() {
        String configured = System.getProperty("detection.root", System.getenv("DETECTION_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return new ProjectLayout(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("devstack"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the project root: set DETECTION_ROOT or run from inside the project");
    }

    public Path root() {
        return root;
    }

    /** The classpath of an embedded-infrastructure module: its classes, then its dependencies. */
    public String infrastructureClasspath(String module) {
        Path target = root.resolve("devstack").resolve(module).resolve("target");
        Path classpathFile = target.resolve("classpath.txt");
        Path classes = target.resolve("classes");
        if (!Files.exists(classpathFile) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("devstack/" + module + " is not built (missing " + classpathFile
                    + "); run ./mvnw -DskipTests package first");
        }
        try {
            List<String> entries = new ArrayList<>();
            entries.add(classes.toString());
            String deps = Files.readString(classpathFile).trim();
            if (!deps.isEmpty()) {
                entries.add(deps);
            }
            return String.join(java.io.File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Native libraries Elasticsearch needs (zstd), unpacked from the integ-test zip at build time. */
    public Path elasticsearchNativeLibraries() {
        return root.resolve("devstack/embedded-elasticsearch/target/native/elasticsearch-8.19.21/lib/platform/linux-x64");
    }

    /** The runnable jar Quarkus packages for a service module. */
    public Path serviceJar(String module) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(module + " is not packaged (missing " + jar + "); run ./mvnw -DskipTests package first");
        }
        return jar;
    }

    /** The java executable of the running JVM, so children run on the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
