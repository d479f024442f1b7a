package io.opendetection.eql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an EQL query found, like Elasticsearch's {@code hits}: {@code events} for an event query,
 * {@code sequences} for a sequence or a sample (each with its join keys and its events, a null
 * event standing for a missing event {@code ![...]}); the other list is empty. Events are search
 * hits ({@code _index}, {@code _id}, {@code _version}, {@code _source}, {@code sort}).
 */
public record EqlResult(List<JsonNode> events, List<Sequence> sequences) {

    public record Sequence(List<Object> joinKeys, List<JsonNode> events) {
    }

    public boolean isSequence() {
        return !sequences.isEmpty();
    }
}
