package io.opendetection.devstack.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Turns zonky's trust-everyone cluster into one that demands passwords. Applied on every start, so a
 * start that died half-way through the first setup is finished by the next one.
 */
final class PasswordAuthentication {

    static final String SUPERUSER = "postgres";

    private static final String PG_HBA = """
            # written by EmbeddedPostgresMain: every connection needs a password
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128      scram-sha-256
            """;

    private PasswordAuthentication() {
    }

    /** {@code superuser} may have come in through trust (first start) or with the password (later starts). */
    static void require(Connection superuser, Path dataDir, String superuserPassword)
            throws SQLException, IOException {
        // the driver sends a SCRAM verifier, never the clear-text password
        superuser.unwrap(PGConnection.class)
                .alterUserPassword(SUPERUSER, superuserPassword.toCharArray(), "scram-sha-256");
        Path pgHba = dataDir.resolve("pg_hba.conf");
        if (!PG_HBA.equals(Files.readString(pgHba, StandardCharsets.UTF_8))) {
            Files.writeString(pgHba, PG_HBA, StandardCharsets.UTF_8);
            try (Statement statement = superuser.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }
}
