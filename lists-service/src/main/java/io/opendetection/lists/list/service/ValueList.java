package io.opendetection.lists.list.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.document.VersionIds;

import java.util.List;
import java.util.UUID;

/** A value list (without its values), as the API returns it and as it is stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record ValueList(
        @JsonProperty("_version") String versionId,
        @JsonProperty("@timestamp") String timestamp,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("created_by") String createdBy,
        String description,
        String id,
        boolean immutable,
        JsonNode meta,
        String name,
        @JsonProperty("tie_breaker_id") String tieBreakerId,
        String type,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_by") String updatedBy,
        int version) {

    /** Kibana's ListType: the Elasticsearch type of the list's values. */
    public static final List<String> TYPES = List.of("binary", "boolean", "byte", "date", "date_nanos", "date_range",
            "double", "double_range", "float", "float_range", "geo_point", "geo_shape", "half_float", "integer",
            "integer_range", "ip", "ip_range", "keyword", "long", "long_range", "shape", "short", "text");

    /** A new list created by {@code user}; its id is generated when the request has none. */
    public static ValueList create(NewValueList request, String user) {
        String now = Timestamps.now();
        String id = request.id() != null ? request.id() : UUID.randomUUID().toString();
        return new ValueList(VersionIds.initial(), now, now, user, request.description(), id, false, request.meta(),
                request.name(), UUID.randomUUID().toString(), request.type(), now, user, request.version());
    }

    /**
     * This list changed by {@code user}: name, description and meta replaced where given (Kibana's
     * PUT and PATCH both merge so), version set when given or else bumped, _version bumped.
     */
    public ValueList changed(ListChanges changes, String user) {
        String now = Timestamps.now();
        return new ValueList(Revisions.versionId(Revisions.revision(versionId) + 1), timestamp, createdAt, createdBy,
                changes.description() != null ? changes.description() : description, id, immutable,
                changes.meta() != null ? changes.meta() : meta, changes.name() != null ? changes.name() : name,
                tieBreakerId, type, now, user, changes.version() != null ? changes.version() : version + 1);
    }
}
