package io.opendetection.rules.execution.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.contracts.events.CloudEventHeaders;
import io.opendetection.contracts.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing an alert ends its suppression group, as in Kibana, where closed alerts are left out of
 * the look-up for a group's alert: the group's next candidate creates a new alert. Reads
 * alert-service's status changes on {@code detection.alert-changes.v1}; every replica joins one
 * group, since the groups live in PostgreSQL. Reopening an alert does not open its group again.
 */
@ApplicationScoped
public class AlertClosings {
    private static final Logger LOG = Logger.getLogger(AlertClosings.class);
    static final String WORKFLOW_STATUS = "kibana.alert.workflow_status";
    private static final String END_GROUPS = "DELETE FROM suppression_group WHERE alert_id = ANY($1)";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A polled batch: the groups of every alert it closes end in one statement. */
    @Incoming("alert-changes")
    public Uni<Void> apply(ConsumerRecords<String, String> records) {
        List<String> closed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (closes(record)) {
                closed.add(record.key());
            }
        }
        if (closed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(END_GROUPS).execute(Tuple.of(closed.toArray(String[]::new))).replaceWithVoid()
                // PostgreSQL away for a while: the batch waits rather than being skipped
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20);
    }

    /** A status change whose new status is {@code closed}; what cannot be read is no closing. */
    private boolean closes(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.value() == null
                || !EventTypes.ALERT_STATUS_CHANGED.equals(header(record, CloudEventHeaders.TYPE))) {
            return false;
        }
        try {
            for (JsonNode change : json.readTree(record.value()).path("changes")) {
                if (WORKFLOW_STATUS.equals(change.path("field").asText())) {
                    return "closed".equals(change.path("to").asText());
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warnf("Alert change %s-%d@%d is not JSON: left aside", record.topic(), record.partition(),
                    record.offset());
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
