package io.opendetection.contracts.events;

import java.util.List;

/**
 * The Kafka topics of the system, one per kind of change. Versioned: a breaking change to a
 * payload gets a new topic, never a silent change to an old one.
 */
public final class Topics {
    /** Compacted. Key: rule id. Value: {@link RuleChange}; a tombstone when the rule is deleted. */
    public static final String RULES = "detection.rules.v1";
    /**
     * Compacted. Key: the exception list's id for list changes, the item's id for item changes,
     * so compaction keeps the current state of every list and every item. Value:
     * {@link ExceptionListChange} or {@link ExceptionItemChange} (told apart by {@code ce_type});
     * a tombstone when the list or item is deleted.
     */
    public static final String EXCEPTIONS = "detection.exceptions.v1";
    /** Key: value list id. Value: {@link ValueListChange}; a tombstone when the list is deleted. */
    public static final String LISTS = "detection.lists.v1";
    /** Key: rule id. One event per rule execution. */
    public static final String RULE_EXECUTIONS = "detection.rule-executions.v1";
    /** Key: alert id. New alerts and suppression updates, from the executors to alert-service. */
    public static final String ALERTS = "detection.alerts.v1";
    /** Key: alert id. Status, tag and assignee changes made through alert-service. */
    public static final String ALERT_CHANGES = "detection.alert-changes.v1";

    /**
     * Key: the user (or the name a refused caller claimed). Value: the gateway's audit record, the
     * same JSON as its audit log line: every mutation and every denied request.
     */
    public static final String AUDIT = "detection.audit.v1";

    /** Topics whose consumers need only the latest record per key. */
    public static final List<String> COMPACTED = List.of(RULES, EXCEPTIONS);

    private Topics() {
    }
}
