package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.document.Timestamps;
import io.opendetection.common.document.VersionIds;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.document.Versions;
import io.opendetection.exceptions.namespace.NamespaceType;

import java.time.Instant;
import java.util.ArrayList;
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

    /** An imported item: comments given whole (as exported) are kept, bare ones are written by {@code user} now. */
    public static ExceptionItem imported(NewExceptionItem request, List<ItemComment> givenComments, String user) {
        ExceptionItem created = create(request, user);
        List<ItemComment> comments = new ArrayList<>(givenComments);
        comments.addAll(created.comments);
        return created.withComments(comments);
    }

    /** This item changed by a PUT from {@code user}; what the PUT leaves out stays. */
    public ExceptionItem updated(ItemUpdate update, String user) {
        String now = Timestamps.now();
        List<ItemComment> newComments = update.comments() == null ? comments
                : updatedComments(update.comments(), now, user);
        return new ExceptionItem(Versions.next(versionId), newComments, createdAt, createdBy, update.description(),
                update.entries(), update.expireTime() != null ? update.expireTime() : expireTime, id, itemId, listId,
                update.meta() != null ? update.meta() : meta, update.name(), namespaceType,
                update.osTypes() != null ? update.osTypes() : osTypes, update.tags() != null ? update.tags() : tags,
                tieBreakerId, update.type(), now, user);
    }

    /** This item replaced by an imported one (overwrite): it keeps its id and creation, joins the imported item's list. */
    public ExceptionItem replacedBy(ExceptionItem imported, String user) {
        return new ExceptionItem(Versions.next(versionId), imported.comments, createdAt, createdBy, imported.description,
                imported.entries, imported.expireTime, id, itemId, imported.listId, imported.meta, imported.name,
                imported.namespaceType, imported.osTypes, imported.tags, tieBreakerId, imported.type,
                Timestamps.now(), user);
    }

    /** A copy in the list {@code newListId}, under a new id and item_id (duplicates, imports as new lists). */
    public ExceptionItem copyInto(String newListId, String user) {
        String now = Timestamps.now();
        return new ExceptionItem(VersionIds.initial(), comments, now, user, description, entries, expireTime,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), newListId, meta, name, namespaceType,
                osTypes, tags, UUID.randomUUID().toString(), type, now, user);
    }

    /** This item with other entries, changed by {@code user} (when entries naming a deleted value list go). */
    public ExceptionItem withEntries(JsonNode newEntries, String user) {
        return new ExceptionItem(Versions.next(versionId), comments, createdAt, createdBy, description, newEntries,
                expireTime, id, itemId, listId, meta, name, namespaceType, osTypes, tags, tieBreakerId, type,
                Timestamps.now(), user);
    }

    public boolean expiredAt(Instant now) {
        return expireTime != null && Instant.parse(expireTime).isBefore(now);
    }

    private ExceptionItem withComments(List<ItemComment> newComments) {
        return new ExceptionItem(versionId, newComments, createdAt, createdBy, description, entries, expireTime, id,
                itemId, listId, meta, name, namespaceType, osTypes, tags, tieBreakerId, type, updatedAt, updatedBy);
    }

    /**
     * Kibana's rules for the comments of a PUT: the existing ones come back first, in order (their
     * text may change, by their author only); new ones, without id, follow; none may be dropped.
     */
    private List<ItemComment> updatedComments(List<CommentUpdate> given, String now, String user) {
        if (given.size() < comments.size()) {
            throw ApiException.siem(403, "Comments cannot be deleted, only new comments may be added");
        }
        List<ItemComment> result = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            CommentUpdate comment = given.get(i);
            if (i < comments.size()) {
                ItemComment existing = comments.get(i);
                if (!existing.id().equals(comment.id())) {
                    throw ApiException.badRequest("When trying to update a comment, \"" + comment.comment()
                            + "\" was not found in the existing comments of item_id: \"" + itemId + "\"");
                }
                if (existing.comment().equals(comment.comment())) {
                    result.add(existing);
                } else if (!existing.createdBy().equals(user)) {
                    throw ApiException.siem(401, "Not authorized to edit others comments");
                } else {
                    result.add(existing.edited(comment.comment(), now, user));
                }
            } else if (comment.id() != null) {
                throw ApiException.badRequest("Comment with id: \"" + comment.id() + "\" does not exist on item_id: \""
                        + itemId + "\"");
            } else {
                result.add(new ItemComment(comment.comment(), now, user, UUID.randomUUID().toString()));
            }
        }
        return result;
    }
}
