package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.document.VersionIds;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;
import java.util.UUID;

/** An exception item: conditions that keep matching events from raising alerts. As the API returns it and as stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ExceptionItem(
        @JsonProperty("_version") String versionId,
        List<ItemComment> comments,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String description,
        JsonNode entries,
        @JsonProperty("expire_time") String expireTime,
        String id,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("list_id") String listId,
        JsonNode meta,
        String name,
        @JsonProperty("namespace_type") NamespaceType namespaceType,
        @JsonProperty("os_types") List<String> osTypes,
        List<String> tags,
        @JsonProperty("tie_breaker_id") String tieBreakerId,
        String type,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_by") String updatedBy) {

    /** Kibana's ExceptionListItemType. */
    public static final List<String> TYPES = List.of("simple");

    /** A new item created by {@code user}; its item_id is generated when the request has none. */
    public static ExceptionItem create(NewExceptionItem request, String user) {
        String now = Timestamps.now();
        String itemId = request.itemId() != null ? request.itemId() : UUID.randomUUID().toString();
        List<ItemComment> comments = request.comments().stream()
                .map(text -> new ItemComment(text, now, user, UUID.randomUUID().toString()))
                .toList();
        return new ExceptionItem(VersionIds.initial(), comments, now, user, request.description(), request.entries(),
                request.expireTime(), UUID.randomUUID().toString(), itemId, request.listId(), request.meta(),
                request.name(), request.namespaceType(), request.osTypes(), request.tags(),
                UUID.randomUUID().toString(), request.type(), now, user);
    }
}
