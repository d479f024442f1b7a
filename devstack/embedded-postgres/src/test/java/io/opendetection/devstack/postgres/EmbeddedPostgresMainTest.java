package io.opendetection.devstack.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opendetection.devstack.embedded.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresMainTest {

    private static final String ROLE_PASSWORD = "it's a p@ss:word";

    @TempDir
    Path dir;

    @Test
    void servesProvisionedRolesWithPasswordsAndKeepsDataAcrossRestarts() throws Exception {
        int port = ChildJvm.freePort();

        try (ChildJvm postgres = start(port, "first.log")) {
            Properties ready = postgres.awaitReady(dir.resolve("ready"));
            assertEquals(Integer.toString(port), ready.getProperty("port"));
            assertEquals("detection", ready.getProperty("database"));
            try (Connection rules = connect(port, "rules", ROLE_PASSWORD); Statement sql = rules.createStatement()) {
                sql.execute("CREATE TABLE rules.kept (id int)");
                sql.execute("INSERT INTO rules.kept VALUES (42)");
            }
            SQLException refused = assertThrows(SQLException.class, () -> connect(port, "rules", "wrong").close());
            assertEquals("28P01", refused.getSQLState(), "invalid_password");
            postgres.stop();
            assertFalse(isRunning(Long.parseLong(ready.getProperty("pid"))), "postmaster stopped");
        }

        try (ChildJvm postgres = start(port, "second.log")) {
            postgres.awaitReady(dir.resolve("ready"));
            try (Connection rules = connect(port, "rules", ROLE_PASSWORD);
                    Statement sql = rules.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT id FROM kept")) {
                rows.next();
                assertEquals(42, rows.getInt(1));
            }
            postgres.stop();
        }
    }

    private ChildJvm start(int port, String log) throws Exception {
        Files.deleteIfExists(dir.resolve("ready")); // the previous run's, which the poll would take for this one's
        return ChildJvm.start(dir.resolve(log), List.of(), EmbeddedPostgresMain.class.getName(),
                "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(),
                "--ready-file", dir.resolve("ready").toString(), "--superuser-password", "super",
                "--database", "detection", "--role", "rules:" + ROLE_PASSWORD, "--role", "alerts:other");
    }

    /** A stopped postmaster may linger as a zombie until init reaps it; a zombie shows no command. */
    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().command()).isPresent();
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/detection", user, password);
    }
}
