package io.opendetection.contracts.events;

/** The {@code ce_type} of every event the system publishes. */
public final class EventTypes {
    private static final String PREFIX = "io.opendetection.";

    public static final String RULE_CREATED = PREFIX + "rule.created.v1";
    public static final String RULE_UPDATED = PREFIX + "rule.updated.v1";
    public static final String RULE_DELETED = PREFIX + "rule.deleted.v1";

    public static final String EXCEPTION_LIST_CREATED = PREFIX + "exception-list.created.v1";
    public static final String EXCEPTION_LIST_UPDATED = PREFIX + "exception-list.updated.v1";
    public static final String EXCEPTION_LIST_DELETED = PREFIX + "exception-list.deleted.v1";
    public static final String EXCEPTION_ITEM_CREATED = PREFIX + "exception-item.created.v1";
    public static final String EXCEPTION_ITEM_UPDATED = PREFIX + "exception-item.updated.v1";
    public static final String EXCEPTION_ITEM_DELETED = PREFIX + "exception-item.deleted.v1";

    public static final String VALUE_LIST_CREATED = PREFIX + "value-list.created.v1";
    public static final String VALUE_LIST_UPDATED = PREFIX + "value-list.updated.v1";
    public static final String VALUE_LIST_DELETED = PREFIX + "value-list.deleted.v1";

    public static final String ALERT_CREATED = PREFIX + "alert.created.v1";
    public static final String ALERT_SUPPRESSION_UPDATED = PREFIX + "alert.suppression-updated.v1";

    /** Values of {@link Topics#ALERT_CHANGES}: what alert-service changed on an alert ({@link AlertChange}). */
    public static final String ALERT_STATUS_CHANGED = PREFIX + "alert.status-changed.v1";
    public static final String ALERT_TAGS_CHANGED = PREFIX + "alert.tags-changed.v1";
    public static final String ALERT_ASSIGNEES_CHANGED = PREFIX + "alert.assignees-changed.v1";

    public static final String RULE_EXECUTED = PREFIX + "rule.executed.v1";

    private EventTypes() {
    }

    public static boolean isExceptionItemEvent(String type) {
        return type != null && type.startsWith(PREFIX + "exception-item.");
    }

    public static boolean isDeletion(String type) {
        return type != null && type.endsWith(".deleted.v1");
    }
}
