package io.opendetection.eql.sequence;

import com.fasterxml.jackson.databind.JsonNode;

/** One fetched event: its position in time order (ties already broken), its timestamp in ms, its hit. */
public record SequenceEvent(long ordinal, long timestamp, JsonNode hit) {
}
