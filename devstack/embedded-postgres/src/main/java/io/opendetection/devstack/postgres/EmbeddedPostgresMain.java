package io.opendetection.devstack.postgres;

import io.opendetection.devstack.embedded.Arguments;
import io.opendetection.devstack.embedded.EmbeddedMain;
import io.opendetection.devstack.embedded.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * PostgreSQL 17 (zonky's binaries) for the devstack, with password authentication and a provisioned
 * database and roles.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) io.opendetection.devstack.postgres.EmbeddedPostgresMain \
 *   --port 5432 --data-dir DIR --ready-file FILE --superuser-password PW --database NAME [--role NAME:PW]...
 * </pre>
 *
 * The ready file holds {@code port}, {@code database} and {@code pid} (the postmaster's). Names must match
 * {@code [a-z_][a-z0-9_]*}. No JVM flags are needed. Binaries are unpacked beside the data directory,
 * in {@code <data-dir>/../pg-work}.
 */
public final class EmbeddedPostgresMain implements EmbeddedServer {

    private static final String USAGE = "usage: EmbeddedPostgresMain --port <int> --data-dir <path> --ready-file <path>"
            + " --superuser-password <pw> --database <name> [--role <name>:<password>]...";

    private record Role(String name, String password) {
    }

    private record Options(int port, Path dataDir, String superuserPassword, String database, List<Role> roles) {
    }

    private final Options options;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresMain(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMain.run(args, USAGE, Set.of("port", "data-dir", "superuser-password", "database", "role"),
                arguments -> new EmbeddedPostgresMain(parse(arguments)));
    }

    private static Options parse(Arguments arguments) throws Arguments.UsageException {
        List<Role> roles = new ArrayList<>();
        for (String role : arguments.all("role")) {
            int colon = role.indexOf(':');
            if (colon < 0) {
                throw new Arguments.UsageException("--role must be <name>:<password>");
            }
            String name = checkedName(role.substring(0, colon));
            if (name.equals(PasswordAuthentication.SUPERUSER)) {
                throw new Arguments.UsageException("--role may not redefine the superuser");
            }
            roles.add(new Role(name, role.substring(colon + 1)));
        }
        return new Options(arguments.requiredInt("port"), Path.of(arguments.required("data-dir")).toAbsolutePath(),
                arguments.required("superuser-password"), checkedName(arguments.required("database")), roles);
    }

    private static String checkedName(String name) throws Arguments.UsageException {
        if (!Provisioning.NAME.matcher(name).matches()) {
            throw new Arguments.UsageException("invalid name: " + name);
        }
        return name;
    }

    @Override
    public Properties start() throws IOException, InterruptedException, SQLException {
        StalePostmaster.stopIfRunning(options.dataDir());
        postgres = EmbeddedPostgres.builder()
                .setPort(options.port())
                .setDataDirectory(options.dataDir())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(options.dataDir().resolveSibling("pg-work").toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // TCP only: no socket file in /tmp to collide with another instance
                .setServerConfig("unix_socket_directories", "")
                // zonky's readiness probe: ignored under the initial trust, needed on every later start
                .setConnectConfig("password", options.superuserPassword())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60)) // zonky's 10 s is too short on a busy 2-core machine
                .start();

        try (Connection superuser = connect("postgres")) {
            PasswordAuthentication.require(superuser, options.dataDir(), options.superuserPassword());
            Provisioning.ensureDatabase(superuser, options.database());
            for (Role role : options.roles()) {
                Provisioning.ensureRole(superuser, role.name(), role.password());
            }
        }
        try (Connection superuser = connect(options.database())) {
            Provisioning.closePublicSchema(superuser);
            for (Role role : options.roles()) {
                Provisioning.ensureSchema(superuser, role.name());
            }
        }

        Properties ready = new Properties();
        ready.setProperty("port", Integer.toString(options.port()));
        ready.setProperty("database", options.database());
        ready.setProperty("pid", Long.toString(StalePostmaster.recordedPid(options.dataDir()).orElseThrow()));
        System.out.println("postgres ready on 127.0.0.1:" + options.port());
        return ready;
    }

    @Override
    public void stop() throws IOException {
        EmbeddedPostgres started = postgres;
        if (started != null) {
            started.close();
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", PasswordAuthentication.SUPERUSER);
        credentials.setProperty("password", options.superuserPassword());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + options.port() + "/" + database,
                credentials);
    }
}
