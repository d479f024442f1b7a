package io.opendetection.contracts.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterPrivilegesTest {
    @Test
    void allHoldsEverything() {
        ClusterPrivileges superuser = new ClusterPrivileges(List.of(List.of("all")));
        assertTrue(superuser.holds("manage_security"));
        assertTrue(superuser.holds("monitor_ml"));
    }

    @Test
    void manageDoesNotReachSecurity() {
        ClusterPrivileges manager = new ClusterPrivileges(List.of(List.of("manage")));
        assertTrue(manager.holds("monitor"));
        assertTrue(manager.holds("manage_ml"));
        assertTrue(manager.holds("monitor_transform"));
        assertFalse(manager.holds("manage_security"));
        assertFalse(manager.holds("manage_api_key"));
    }

    @Test
    void securityImpliesKeys() {
        ClusterPrivileges security = new ClusterPrivileges(List.of(List.of("manage_security")));
        assertTrue(security.holds("manage_own_api_key"));
        assertFalse(security.holds("monitor"));
    }

    @Test
    void everyLayerMustHoldIt() {
        ClusterPrivileges narrowed = new ClusterPrivileges(List.of(List.of("all"), List.of("monitor")));
        assertTrue(narrowed.holds("monitor_ml"));
        assertFalse(narrowed.holds("manage"));
        assertFalse(new ClusterPrivileges(List.of()).holds("monitor"));
    }
}
