package io.opendetection.lists.item.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/** A value of a list, as the API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ListItem(
        @JsonProperty("_version") String versionId,
        @JsonProperty("@timestamp") String timestamp,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String id,
        @JsonProperty("list_id") String listId,
        JsonNode meta,
        @JsonProperty("tie_breaker_id") String tieBreakerId,
        String type,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_by") String updatedBy,
        String value) {
}
