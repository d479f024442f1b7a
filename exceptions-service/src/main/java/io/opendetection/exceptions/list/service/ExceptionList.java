package io.opendetection.exceptions.list.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.document.VersionIds;
import io.opendetection.exceptions.document.Versions;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.util.List;
import java.util.UUID;

/** An exception list container, as the API returns it and as it is stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ExceptionList(
        @JsonProperty("_version") String versionId,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String description,
        String id,
        boolean immutable,
        @JsonProperty("list_id") String listId,
        JsonNode meta,
        String name,
        @JsonProperty("namespace_type") NamespaceType namespaceType,
        @JsonProperty("os_types") List<String> osTypes,
        List<String> tags,
        @JsonProperty("tie_breaker_id") String tieBreakerId,
        String type,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_by") String updatedBy,
        int version) {

    /** Kibana's ExceptionListType: where a list may be used. */
    public static final List<String> TYPES = List.of("detection", "rule_default", "endpoint", "endpoint_trusted_apps",
            "endpoint_trusted_devices", "endpoint_events", "endpoint_host_isolation_exceptions", "endpoint_blocklists");
    public static final List<String> OS_TYPES = List.of("linux", "macos", "windows");
    /** The list_id of the one Elastic Endpoint exception list (agnostic). */
    public static final String ENDPOINT_LIST_ID = "endpoint_list";

    /** A new list created by {@code user}; its list_id is generated when the request has none. */
    public static ExceptionList create(NewExceptionList request, String user) {
        return create(UUID.randomUUID().toString(), request, user);
    }

    /** A new list with a fixed {@code id}, as Kibana gives the endpoint list ({@link #ENDPOINT_LIST_ID} for both ids). */
    public static ExceptionList create(String id, NewExceptionList request, String user) {
        String now = Timestamps.now();
        String listId = request.listId() != null ? request.listId() : UUID.randomUUID().toString();
        return new ExceptionList(VersionIds.initial(), now, user, request.description(), id,
                false, listId, request.meta(), request.name(), request.namespaceType(), request.osTypes(),
                request.tags(), UUID.randomUUID().toString(), request.type(), now, user, request.version());
    }

    /** This list changed by a PUT from {@code user}: omitted tags and meta stay, version counts up unless given. */
    public ExceptionList updated(ListUpdate update, String user) {
        return new ExceptionList(Versions.next(versionId), createdAt, createdBy, update.description(), id, immutable,
                listId, update.meta() != null ? update.meta() : meta, update.name(), namespaceType, update.osTypes(),
                update.tags() != null ? update.tags() : tags, tieBreakerId, update.type(), Timestamps.now(), user,
                update.version() != null ? update.version() : version + 1);
    }

    /** This list replaced by an imported one (overwrite): it keeps its id and creation. */
    public ExceptionList replacedBy(ExceptionList imported, String user) {
        return new ExceptionList(Versions.next(versionId), createdAt, createdBy, imported.description, id,
                imported.immutable, listId, imported.meta, imported.name, namespaceType, imported.osTypes,
                imported.tags, tieBreakerId, imported.type, Timestamps.now(), user, imported.version);
    }

    /** A copy under a new list_id, as Kibana duplicates a list: named "... [Duplicate]", version 1. */
    public ExceptionList duplicate(String user) {
        String now = Timestamps.now();
        return new ExceptionList(VersionIds.initial(), now, user, description, UUID.randomUUID().toString(), false,
                UUID.randomUUID().toString(), meta, name + " [Duplicate]", namespaceType, osTypes, tags,
                UUID.randomUUID().toString(), type, now, user, 1);
    }

    /** The same list under another list_id (an import as a new list). */
    public ExceptionList withListId(String newListId) {
        return new ExceptionList(versionId, createdAt, createdBy, description, id, immutable, newListId, meta, name,
                namespaceType, osTypes, tags, tieBreakerId, type, updatedAt, updatedBy, version);
    }

    @JsonIgnore
    public boolean isEndpointArtifact() {
        return type.startsWith("endpoint");
    }
}
