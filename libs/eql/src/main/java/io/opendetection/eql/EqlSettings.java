package io.opendetection.eql;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an EQL query runs: the timestamp, tiebreaker and event category fields (Elasticsearch's
 * {@code timestamp_field}, {@code tiebreaker_field}, {@code event_category_field}); {@code size},
 * the most events or sequences returned; {@code fetchSize}, events read per search page;
 * {@code filter}, DSL every event must also match (a rule's time range and exceptions), or null;
 * {@code maxPendingSequences}, the most partial sequences (or sample keys) held in memory.
 */
public record EqlSettings(String timestampField, String tiebreakerField, String categoryField, int size,
                          int fetchSize, ObjectNode filter, int maxPendingSequences) {

    public static EqlSettings defaults() {
        return new EqlSettings("@timestamp", null, "event.category", 10, 1000, null, 100_000);
    }

    public EqlSettings withSize(int newSize) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, newSize, fetchSize, filter,
                maxPendingSequences);
    }

    public EqlSettings withTiebreaker(String field) {
        return new EqlSettings(timestampField, field, categoryField, size, fetchSize, filter, maxPendingSequences);
    }

    public EqlSettings withTimestamp(String field) {
        return new EqlSettings(field, tiebreakerField, categoryField, size, fetchSize, filter, maxPendingSequences);
    }

    public EqlSettings withFilter(ObjectNode newFilter) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, fetchSize, newFilter,
                maxPendingSequences);
    }

    public EqlSettings withFetchSize(int newFetchSize) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, newFetchSize, filter,
                maxPendingSequences);
    }

    public EqlSettings withMaxPendingSequences(int limit) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, fetchSize, filter, limit);
    }
}
