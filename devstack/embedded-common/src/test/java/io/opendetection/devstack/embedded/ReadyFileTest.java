package io.opendetection.devstack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {

    @TempDir
    Path dir;

    @Test
    void writesPropertiesIntoNewDirectoriesAndLeavesNoTemporaryFile() throws IOException {
        Path ready = dir.resolve("kafka/ready.properties");

        ReadyFile.write(ready, properties("bootstrap.servers", "127.0.0.1:9092"));

        assertEquals(properties("bootstrap.servers", "127.0.0.1:9092"), read(ready));
        try (Stream<Path> files = Files.list(ready.getParent())) {
            assertEquals(List.of(ready), files.toList());
        }
    }

    @Test
    void replacesAnEarlierReadyFile() throws IOException {
        Path ready = dir.resolve("ready.properties");
        ReadyFile.write(ready, properties("port", "1"));

        ReadyFile.write(ready, properties("port", "2"));

        assertEquals(properties("port", "2"), read(ready));
    }

    @Test
    void deletesAStaleReadyFileAndToleratesNone() throws IOException {
        Path ready = dir.resolve("ready.properties");
        ReadyFile.write(ready, properties("port", "1"));

        ReadyFile.deleteStale(ready);
        ReadyFile.deleteStale(ready);

        assertFalse(Files.exists(ready));
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
