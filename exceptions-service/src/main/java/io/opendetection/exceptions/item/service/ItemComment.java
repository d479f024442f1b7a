package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A comment on an exception item, with who wrote it and when, and who last edited it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ItemComment(
        String comment,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String id,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_by") String updatedBy) {

    public ItemComment(String comment, String createdAt, String createdBy, String id) {
        this(comment, createdAt, createdBy, id, null, null);
    }

    ItemComment edited(String text, String now, String user) {
        return new ItemComment(text, createdAt, createdBy, id, now, user);
    }
}
