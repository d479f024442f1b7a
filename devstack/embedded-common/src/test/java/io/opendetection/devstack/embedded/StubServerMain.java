package io.opendetection.devstack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/** An embedded main whose server starts nothing: it records being stopped, or fails to start on request. */
final class StubServerMain implements EmbeddedServer {

    static final String USAGE = "usage: StubServerMain --ready-file <path> --stopped-file <path> [--fail <bool>]";

    private final Path stoppedFile;
    private final boolean fail;

    private StubServerMain(Path stoppedFile, boolean fail) {
        this.stoppedFile = stoppedFile;
        this.fail = fail;
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMain.run(args, USAGE, Set.of("stopped-file", "fail"), arguments -> new StubServerMain(
                Path.of(arguments.required("stopped-file")),
                Boolean.parseBoolean(arguments.optional("fail").orElse("false"))));
    }

    @Override
    public Properties start() {
        if (fail) {
            throw new IllegalStateException("failing on request");
        }
        Properties ready = new Properties();
        ready.setProperty("port", "1234");
        return ready;
    }

    @Override
    public void stop() {
        try {
            Files.writeString(stoppedFile, "stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
