package io.opendetection.lists.paging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The answer of a value-list {@code _find}. */
@JsonPropertyOrder({"cursor", "data", "page", "per_page", "total"})
public record Page<T>(String cursor, List<T> data, int page, @JsonProperty("per_page") int perPage, long total) {
}
