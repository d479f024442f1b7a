package io.opendetection.devstack.embedded;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** The properties file the launcher polls for; written atomically so it is never seen half-written. */
final class ReadyFile {

    private ReadyFile() {
    }

    static void deleteStale(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    static void write(Path path, Properties content) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.store(out, null);
        }
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
