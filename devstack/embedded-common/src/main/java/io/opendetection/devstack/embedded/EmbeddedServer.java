package io.opendetection.devstack.embedded;

import java.util.Properties;

/** A piece of infrastructure that {@link EmbeddedMain} runs in this JVM until it is told to stop. */
public interface EmbeddedServer {

    /** Starts the server and returns once clients can use it; the result becomes the ready file. */
    Properties start() throws Exception;

    /**
     * Runs in the shutdown hook, which is registered before {@link #start()} so that a signal or a failed
     * start still stops what has been started; must therefore cope with a start that never got far.
     * What it throws is printed.
     */
    void stop() throws Exception;
}
