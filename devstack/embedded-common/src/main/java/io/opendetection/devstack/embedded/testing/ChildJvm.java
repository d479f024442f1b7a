package io.opendetection.devstack.embedded.testing;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * For tests only: runs an embedded main in a child JVM. It lives in main code because a test jar would
 * have to be resolvable whenever classpath.txt is written, which breaks {@code ./mvnw compile}; JUnit is
 * not on this classpath, so failures are {@link AssertionError}s, which JUnit reports as such.
 */
public final class ChildJvm implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the main the way the launcher does, from the module's folder:
     * {@code java <flags> -cp target/classes:<classpath.txt> Main args}.
     */
    public static ChildJvm start(Path log, List<String> jvmFlags, String mainClass, String... args)
            throws IOException {
        String classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target", "classpath.txt")).trim();
        return startWithClasspath(classpath, log, jvmFlags, mainClass, args);
    }

    /** For a main that is not on the launcher's classpath, such as a test class. */
    public static ChildJvm startWithClasspath(String classpath, Path log, List<String> jvmFlags, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public Properties awaitReady(Path readyFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(readyFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("not ready (alive: " + process.isAlive() + "), log:\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        Properties ready = new Properties();
        try (Reader in = Files.newBufferedReader(readyFile)) {
            ready.load(in);
        }
        return ready;
    }

    /** The exit code of a main that is expected to end by itself. */
    public int awaitExit() throws IOException, InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + TIMEOUT_SECONDS + " s, log:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /** SIGTERM, as the launcher stops it; the shutdown must finish in time. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("still running " + TIMEOUT_SECONDS + " s after SIGTERM");
        }
    }

    /** After a failed test too: SIGTERM first, so the shutdown hook still stops the server cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
