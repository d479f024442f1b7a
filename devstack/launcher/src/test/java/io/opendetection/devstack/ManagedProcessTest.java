package io.opendetection.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedProcessTest {

    @Test
    void aProcessThatDiesBeforeItIsReadyFailsFastWithTheEndOfItsLog(@TempDir Path dir) {
        ManagedProcess process = ManagedProcess.start("crasher",
                List.of("sh", "-c", "echo 'port already in use'; exit 3"), Map.of(), dir.resolve("crasher.log"));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> process.awaitCondition(() -> false, Duration.ofSeconds(30)));
        assertTrue(failure.getMessage().contains("crasher exited with code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("port already in use"), failure.getMessage());
    }

    @Test
    void aProcessThatIsNeverReadyTimesOut(@TempDir Path dir) {
        try (ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "30"), Map.of(),
                dir.resolve("sleeper.log"))) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> process.awaitCondition(() -> false, Duration.ofMillis(500)));
            assertTrue(failure.getMessage().contains("was not ready within"), failure.getMessage());
        }
    }

    @Test
    void readsTheReadyFileAndStopsWithSigterm(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready.properties");
        ManagedProcess process = ManagedProcess.start("server",
                List.of("sh", "-c", "printf 'port=5432\\n' > " + ready + "; exec sleep 60"), Map.of(),
                dir.resolve("server.log"));
        Properties properties = process.awaitReadyFile(ready, Duration.ofSeconds(30));
        assertEquals("5432", properties.getProperty("port"));
        assertTrue(process.isAlive());
        process.close();
        assertFalse(process.isAlive());
        assertTrue(Files.exists(dir.resolve("server.log")));
    }
}
