package io.opendetection.devstack.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/** Idempotent creation of the database, the login roles and one schema per role. */
final class Provisioning {

    /** Database and role names we accept; identifiers are quoted by the driver regardless. */
    static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private Provisioning() {
    }

    static void ensureDatabase(Connection superuser, String database) throws SQLException {
        if (!exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            execute(superuser, "CREATE DATABASE " + identifier(superuser, database));
        }
    }

    /** Creates the role or, if it exists, re-applies the password so a changed one takes effect. */
    static void ensureRole(Connection superuser, String role, String password) throws SQLException {
        String quoted = identifier(superuser, role);
        if (exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            execute(superuser, "ALTER ROLE " + quoted + " LOGIN");
        } else {
            execute(superuser, "CREATE ROLE " + quoted + " LOGIN");
        }
        // CREATE/ALTER ROLE take no bind parameters; the driver builds an escaped SCRAM-verifier literal
        superuser.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
    }

    /** {@code superuserInDatabase} is connected to the provisioned database, where the schemas live. */
    static void ensureSchema(Connection superuserInDatabase, String role) throws SQLException {
        String quoted = identifier(superuserInDatabase, role);
        execute(superuserInDatabase, "CREATE SCHEMA IF NOT EXISTS " + quoted + " AUTHORIZATION " + quoted);
    }

    /** Roles work in their own schemas only. */
    static void closePublicSchema(Connection superuserInDatabase) throws SQLException {
        execute(superuserInDatabase, "REVOKE ALL ON SCHEMA public FROM PUBLIC");
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(Connection connection, String name) throws SQLException {
        return connection.unwrap(PGConnection.class).escapeIdentifier(name);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
