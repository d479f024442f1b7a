package io.opendetection.gateway.identity;

import io.opendetection.gateway.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/** Creates the administrator {@code elastic} on first start, as a fresh Kibana stack has one. */
@ApplicationScoped
class AdministratorSeed {
    private static final Logger LOG = Logger.getLogger(AdministratorSeed.class);
    private static final String USERNAME = "elastic";

    void seed(@Observes StartupEvent started, UserStore users, GatewayConfig config) {
        boolean present = users.find(USERNAME).await().atMost(Duration.ofSeconds(30)) != null;
        if (present) {
            return;
        }
        User administrator = new User(USERNAME, PasswordHashing.hash(config.elasticPassword()),
                List.of("superuser"), true);
        if (users.addIfAbsent(administrator, "Administrator").await().atMost(Duration.ofSeconds(30))) {
            LOG.infof("Created the administrator user '%s'", USERNAME);
        }
    }
}
