package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A comment on an exception item, with who wrote it and when. */
@JsonPropertyOrder(alphabetic = true)
public record ItemComment(
        String comment,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String id) {
}
