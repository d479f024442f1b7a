package io.opendetection.devstack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The postmaster of a data directory, as recorded in its {@code postmaster.pid}. A JVM killed with
 * {@code kill -9} leaves its postgres running; it must be stopped before the directory is started again.
 */
final class StalePostmaster {

    private StalePostmaster() {
    }

    /** The pid on the first line of {@code postmaster.pid}, if the file exists. */
    static Optional<Long> recordedPid(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
    }

    static void stopIfRunning(Path dataDir) throws IOException, InterruptedException {
        Optional<Long> pid = recordedPid(dataDir);
        if (pid.isEmpty() || !isRunningPostgres(pid.get())) {
            return;
        }
        System.err.println("stopping postgres " + pid.get() + ", left running on " + dataDir);
        // SIGINT is postgres' "fast" shutdown; SIGTERM (Java's destroy) would wait for clients to leave
        new ProcessBuilder("kill", "-INT", pid.get().toString()).inheritIO().start().waitFor();
        if (!awaitGone(pid.get(), Duration.ofSeconds(30))) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
            if (!awaitGone(pid.get(), Duration.ofSeconds(10))) {
                throw new IllegalStateException("postgres " + pid.get() + " does not stop");
            }
        }
    }

    /**
     * A recycled pid may belong to another program, and a dead postmaster may linger as a zombie until
     * init reaps it; neither has a postgres executable to show.
     */
    private static boolean isRunningPostgres(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .filter(command -> command.endsWith("/postgres"))
                .isPresent();
    }

    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunningPostgres(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
