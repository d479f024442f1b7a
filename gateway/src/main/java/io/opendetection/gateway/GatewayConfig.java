package io.opendetection.gateway;

import io.opendetection.gateway.routing.Service;
import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The gateway's own settings; application.properties maps each to its environment variable. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Services services();

    Limits limits();

    Timeouts timeouts();

    RateLimit rateLimit();

    /** The {@code kid} header of caller tokens, naming the signing key during a rotation. */
    Optional<String> signKeyId();

    Audit audit();

    /** The administrator seeded at first start. */
    String elasticPassword();

    interface Services {
        URI ruleService();

        URI alertService();

        URI exceptionsService();

        URI listsService();

        default URI address(Service service) {
            return switch (service) {
                case RULE_SERVICE -> ruleService();
                case ALERT_SERVICE -> alertService();
                case EXCEPTIONS_SERVICE -> exceptionsService();
                case LISTS_SERVICE -> listsService();
            };
        }
    }

    interface Limits {
        /** Largest request body on ordinary routes (Kibana's {@code server.maxPayload}). */
        long maxBodyBytes();

        /** Largest request body on {@code .../_import} routes. */
        long maxImportBytes();

        /** Largest {@code per_page} a list route accepts (Elasticsearch's default result window). */
        int maxPerPage();
    }

    /** Per user and per API key, on each gateway replica. */
    interface RateLimit {
        /** Sustained requests per second; 0 turns rate limiting off. */
        double perSecond();

        /** Requests allowed at once after a quiet spell. */
        int burst();
    }

    /** Where audit records go besides the log. */
    interface Audit {
        /** Kafka's bootstrap servers; none: audit records go to the log only (tests without Kafka). */
        Optional<String> bootstrapServers();

        /** Create the audit topic at start when it is missing. */
        boolean createTopic();

        int topicPartitions();

        short topicReplicationFactor();
    }

    interface Timeouts {
        /** How long to wait for a service to accept a connection. */
        Duration connect();

        /** How long a forwarded exchange may go without a byte moving before it is abandoned. */
        Duration idle();

        /** How long {@code /api/status} waits for each service's health. */
        Duration status();
    }
}
