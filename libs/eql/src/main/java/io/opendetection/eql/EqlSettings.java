package io.opendetection.eql;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an EQL query runs: the timestamp, tiebreaker and event category fields (Elasticsearch's
 * {@code timestamp_field}, {@code tiebreaker_field}, {@code event_category_field}); {@code size},
 * the most events or sequences returned; {@code fetchSize}, events read per search page;
 * {@code filter}, DSL every event must also match (a rule's time range and exceptions), or null;
 * {@code maxPendingSequences}, the most partial sequences (or sample keys, join keys, lineage
 * processes) held in memory; {@code stringCase}, how strings compare (Elasticsearch's way, or one
 * of the conformance suite's case options) ({@link StringCase}).
 */
public record EqlSettings(String timestampField, String tiebreakerField, String categoryField, int size,
                          int fetchSize, ObjectNode filter, int maxPendingSequences, StringCase stringCase) {

    public EqlSettings(String timestampField, String tiebreakerField, String categoryField, int size, int fetchSize,
                       ObjectNode filter, int maxPendingSequences) {
        this(timestampField, tiebreakerField, categoryField, size, fetchSize, filter, maxPendingSequences,
                StringCase.DEFAULT);
    }

    public static EqlSettings defaults() {
        return new EqlSettings("@timestamp", null, "event.category", 10, 1000, null, 100_000);
    }

    public EqlSettings withSize(int newSize) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, newSize, fetchSize, filter,
                maxPendingSequences, stringCase);
    }

    public EqlSettings withTiebreaker(String field) {
        return new EqlSettings(timestampField, field, categoryField, size, fetchSize, filter, maxPendingSequences,
                stringCase);
    }

    public EqlSettings withTimestamp(String field) {
        return new EqlSettings(field, tiebreakerField, categoryField, size, fetchSize, filter, maxPendingSequences,
                stringCase);
    }

    public EqlSettings withFilter(ObjectNode newFilter) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, fetchSize, newFilter,
                maxPendingSequences, stringCase);
    }

    public EqlSettings withFetchSize(int newFetchSize) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, newFetchSize, filter,
                maxPendingSequences, stringCase);
    }

    public EqlSettings withMaxPendingSequences(int limit) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, fetchSize, filter, limit,
                stringCase);
    }

    public EqlSettings withStringCase(StringCase newStringCase) {
        return new EqlSettings(timestampField, tiebreakerField, categoryField, size, fetchSize, filter,
                maxPendingSequences, newStringCase);
    }
}
