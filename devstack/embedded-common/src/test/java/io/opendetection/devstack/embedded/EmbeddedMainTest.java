package io.opendetection.devstack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opendetection.devstack.embedded.testing.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes and the ready-file and shutdown behaviour the launcher relies on, in a child JVM. */
class EmbeddedMainTest {

    private static final String CLASSPATH = "target/classes" + File.pathSeparator + "target/test-classes";

    @TempDir
    Path dir;

    @Test
    void writesTheReadyFileAndStopsTheServerOnSigterm() throws Exception {
        try (ChildJvm stub = start()) {
            assertEquals("1234", stub.awaitReady(dir.resolve("ready")).getProperty("port"));
            assertFalse(Files.exists(dir.resolve("stopped")));

            stub.stop();
            assertTrue(Files.exists(dir.resolve("stopped")), "stopped by the shutdown hook");
        }
    }

    @Test
    void exitsWithOneAndStopsTheServerWhenTheStartFails() throws Exception {
        try (ChildJvm stub = start("--fail", "true")) {
            assertEquals(1, stub.awaitExit());
            assertFalse(Files.exists(dir.resolve("ready")));
            assertTrue(Files.exists(dir.resolve("stopped")), "stopped by the shutdown hook");
        }
    }

    @Test
    void exitsWithTwoAndPrintsTheUsageOnABadCommandLine() throws Exception {
        try (ChildJvm stub = start("--colour", "red")) {
            assertEquals(2, stub.awaitExit());
            assertEquals(List.of("unknown argument --colour", StubServerMain.USAGE),
                    Files.readAllLines(dir.resolve("stub.log")));
        }
    }

    @Test
    void requiresTheReadyFile() throws Exception {
        try (ChildJvm stub = ChildJvm.startWithClasspath(CLASSPATH, dir.resolve("stub.log"), List.of(),
                StubServerMain.class.getName(), "--stopped-file", dir.resolve("stopped").toString())) {
            assertEquals(2, stub.awaitExit());
            assertEquals(List.of("--ready-file is required", StubServerMain.USAGE),
                    Files.readAllLines(dir.resolve("stub.log")));
        }
    }

    private ChildJvm start(String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--ready-file", dir.resolve("ready").toString(),
                "--stopped-file", dir.resolve("stopped").toString()));
        args.addAll(List.of(extraArgs));
        return ChildJvm.startWithClasspath(CLASSPATH, dir.resolve("stub.log"), List.of(),
                StubServerMain.class.getName(), args.toArray(String[]::new));
    }
}
