package io.opendetection.devstack.embedded;

import java.util.Optional;

/** Exits (running the shutdown hooks) once the process that started us is gone, so infra never outlives it. */
final class ParentWatchdog {

    private ParentWatchdog() {
    }

    static void start() {
        // captured once: after the parent dies we are re-parented, and the new parent is alive
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Thread watchdog = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("parent process is gone, shutting down");
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
