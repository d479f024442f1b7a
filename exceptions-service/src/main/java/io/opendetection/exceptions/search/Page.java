package io.opendetection.exceptions.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** One page of a {@code _find}, in Kibana's snake_case envelope. */
@JsonPropertyOrder({"data", "page", "per_page", "total"})
public record Page<T>(List<T> data, int page, @JsonProperty("per_page") int perPage, long total) {
}
