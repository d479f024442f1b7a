package io.opendetection.devstack.embedded;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The lifecycle every embedded infrastructure main shares, which the launcher relies on: a usage error
 * exits with 2, a failed start with 1; once started, the server's properties are written to the
 * {@code --ready-file} and it serves until SIGTERM or until the parent process is gone, and is stopped
 * by a shutdown hook either way.
 */
public final class EmbeddedMain {

    /** Builds the server from the command line; nothing may be started yet. */
    @FunctionalInterface
    public interface ServerFactory {
        EmbeddedServer create(Arguments arguments) throws Arguments.UsageException;
    }

    private EmbeddedMain() {
    }

    /**
     * Never returns. {@code names} are the server's own arguments; {@code --ready-file}, which every
     * embedded main takes, is added and read here.
     */
    public static void run(String[] args, String usage, Set<String> names, ServerFactory factory)
            throws InterruptedException {
        Path readyFile;
        EmbeddedServer server;
        try {
            Arguments arguments = new Arguments(args, withReadyFile(names));
            readyFile = Path.of(arguments.required("ready-file"));
            server = factory.create(arguments);
        } catch (Arguments.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return;
        }
        ParentWatchdog.start();
        try {
            ReadyFile.deleteStale(readyFile);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "embedded-server-stop"));
            ReadyFile.write(readyFile, server.start());
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        Thread.currentThread().join(); // serve until a signal or the watchdog ends the JVM
    }

    private static void stop(EmbeddedServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static Set<String> withReadyFile(Set<String> names) {
        Set<String> known = new HashSet<>(names);
        known.add("ready-file");
        return known;
    }
}
