package io.opendetection.devstack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsTest {

    @Test
    void aPortInUseIsReportedWithWhatNeededIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> Ports.requireFree(taken.getLocalPort(), "Kafka"));
            assertTrue(failure.getMessage().contains("Port " + taken.getLocalPort() + " for Kafka"), failure.getMessage());
        }
    }

    @Test
    void aFreePortIsFree() {
        int port = Ports.free();
        assertDoesNotThrow(() -> Ports.requireFree(port, "a test"));
    }
}
