package io.opendetection.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectLayoutTest {

    @Test
    void aModuleThatIsNotBuiltSaysHowToBuildIt(@TempDir Path root) {
        ProjectLayout layout = new ProjectLayout(root);
        IllegalStateException infrastructure = assertThrows(IllegalStateException.class,
                () -> layout.infrastructureClasspath("embedded-kafka"));
        assertTrue(infrastructure.getMessage().contains("devstack/embedded-kafka is not built"), infrastructure.getMessage());
        IllegalStateException service = assertThrows(IllegalStateException.class, () -> layout.serviceJar("gateway"));
        assertTrue(service.getMessage().contains("gateway is not packaged"), service.getMessage());
    }

    @Test
    void theClasspathIsTheModulesClassesThenItsDependencies(@TempDir Path root) throws IOException {
        Path target = Files.createDirectories(root.resolve("devstack/embedded-kafka/target/classes")).getParent();
        Files.writeString(target.resolve("classpath.txt"), "/m2/a.jar:/m2/b.jar\n");
        assertEquals(target.resolve("classes") + ":/m2/a.jar:/m2/b.jar",
                new ProjectLayout(root).infrastructureClasspath("embedded-kafka"));
    }
}
