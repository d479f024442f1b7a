package io.opendetection.common.events;

import io.opendetection.contracts.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics this service publishes to or reads from ({@code detection.topics.required}), if missing, with the partitions and the cleanup
 * policy they need (compaction for the topics that carry current state). Clusters where topics
 * are managed elsewhere turn this off with {@code KAFKA_CREATE_TOPICS=false}.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "detection.topics.create")
    boolean create;

    @ConfigProperty(name = "detection.topics.required")
    Optional<List<String>> required;

    @ConfigProperty(name = "detection.topics.partitions")
    int partitions;

    @ConfigProperty(name = "detection.topics.replication-factor")
    short replicationFactor;

    void provision(@Observes StartupEvent event) {
        if (!create || required.isEmpty()) {
            return;
        }
        // the API timeout may not be shorter than the request timeout, or the client refuses to start
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = required.get().stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(this::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                LOG.infof("Created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            // Not fatal: the outbox keeps the events until Kafka takes them.
            LOG.warnf("Could not check or create Kafka topics %s: %s", required.get(), e.getMessage());
        }
    }

    private NewTopic newTopic(String name) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (Topics.COMPACTED.contains(name)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
