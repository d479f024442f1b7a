package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.lists.index.persistence.ListIndexRepository;
import io.opendetection.lists.index.service.DataStreams;
import io.opendetection.lists.item.persistence.ListItemRepository;
import io.opendetection.lists.list.persistence.ValueListRepository;
import io.opendetection.lists.paging.FindRequest;
import io.opendetection.lists.paging.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Creating, reading, changing, finding and deleting the value lists of the caller's space. */
@ApplicationScoped
public class ValueListService {
    @Inject
    Pool pool;

    @Inject
    ListIndexRepository indexes;

    @Inject
    ValueListRepository lists;

    @Inject
    ListItemRepository items;

    @Inject
    Outbox outbox;

    @Inject
    ListEvents events;

    @Inject
    Caller caller;

    @Inject
    ExceptionReferences references;

    public Uni<ValueList> create(NewValueList request) {
        String space = caller.space();
        ValueList list = ValueList.create(request, caller.user());
        return pool.withTransaction(tx -> indexes.exists(tx, space)
                        .flatMap(indexed -> indexed
                                ? insert(tx, space, list)
                                : Uni.createFrom().failure(ApiException.badRequest(
                                        "To create a list, the data stream must exist first. Data stream \""
                                                + DataStreams.lists(space) + "\" does not exist"))))
                .invoke(outbox::committed)
                .replaceWith(list);
    }

    public Uni<ValueList> read(String id) {
        return lists.findById(pool, caller.space(), id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("list id: \"" + id + "\" not found"));
    }

    /** PUT and PATCH alike, as Kibana's both update the fields given. */
    public Uni<ValueList> change(ListChanges changes) {
        String space = caller.space();
        String user = caller.user();
        return pool.withTransaction(tx -> lists.lock(tx, space, changes.id()).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list id: \"" + changes.id() + "\" not found"));
            }
            ValueList current = stored.list();
            if (changes.versionId() != null && !changes.versionId().equals(current.versionId())) {
                return Uni.createFrom().failure(Revisions.conflict(current.id(), changes.versionId(),
                        Revisions.revision(current.versionId())));
            }
            ValueList changed = current.changed(changes, user);
            return lists.update(tx, space, changed)
                    .chain(() -> outbox.append(tx, events.updated(space, changed)))
                    .replaceWith(changed);
        })).invoke(outbox::committed);
    }

    /**
     * Deletes the list and all its values, as Kibana: unless told to ignore them, the exception
     * items naming the list are looked for first. Some found: with {@code deleteReferences} their
     * entries naming the list go (an item left without entries goes too) before the list does;
     * without, a 409 naming each item and its exception list, and nothing is deleted.
     */
    public Uni<ValueList> delete(String id, boolean deleteReferences, boolean ignoreReferences) {
        if (ignoreReferences) {
            return delete(id);
        }
        return references.find(id).chain(found -> {
            if (found.isEmpty()) {
                return delete(id);
            }
            if (!deleteReferences) {
                return Uni.createFrom().failure(referenced(id, found));
            }
            // references first: should the list's deletion then fail, no item names a missing list
            return references.remove(id).chain(() -> delete(id));
        });
    }

    private static ApiException referenced(String id, JsonNode references) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", "Value list '" + id + "' is referenced in existing exception list(s)");
        error.set("references", references);
        error.put("value_list_id", id);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.set("error", error);
        return ApiException.siem(409, message);
    }

    private Uni<ValueList> delete(String id) {
        String space = caller.space();
        return pool.withTransaction(tx -> lists.lock(tx, space, id).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(ApiException.notFound("list id: \"" + id + "\" was not found"));
            }
            return items.deleteAll(tx, stored.key())
                    .chain(() -> lists.delete(tx, stored.key()))
                    .chain(() -> outbox.append(tx, events.deleted(id)))
                    .replaceWith(stored.list());
        })).invoke(outbox::committed);
    }

    public Uni<Page<ValueList>> find(FindRequest request, String condition, List<Object> parameters) {
        return lists.find(pool, caller.space(), request, condition, parameters);
    }

    private Uni<Void> insert(SqlConnection tx, String space, ValueList list) {
        return lists.insert(tx, space, list)
                .flatMap(inserted -> inserted
                        ? outbox.append(tx, events.created(space, list))
                        : Uni.createFrom().failure(ApiException.conflict(
                                "list id: \"" + list.id() + "\" already exists")));
    }
}
