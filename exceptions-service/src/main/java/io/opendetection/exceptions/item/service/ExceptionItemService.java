package io.opendetection.exceptions.item.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.ExceptionItemChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.exceptions.item.persistence.ExceptionItemRepository;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Adding exception items to the lists of the caller's space, or to agnostic lists. */
@ApplicationScoped
public class ExceptionItemService {
    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    ExceptionItemRepository items;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    public Uni<ExceptionItem> create(NewExceptionItem request) {
        // The item lives where its list does: the list is looked up in the item's namespace.
        Namespace namespace = request.namespaceType().seenFrom(caller.space());
        ExceptionItem item = ExceptionItem.create(request, caller.user());
        return pool.withTransaction(tx -> lists.findByListId(tx, namespace, request.listId())
                        .onItem().ifNull().failWith(() -> ApiException.notFound(
                                "exception list id: \"" + request.listId() + "\" does not exist"))
                        .flatMap(list -> insert(tx, namespace, list, item)))
                .invoke(outbox::committed)
                .replaceWith(item);
    }

    private Uni<Void> insert(SqlConnection tx, Namespace namespace, ExceptionList list, ExceptionItem item) {
        return items.insert(tx, namespace, UUID.fromString(list.id()), item)
                .flatMap(inserted -> inserted
                        ? outbox.append(tx, created(namespace, list, item))
                        : Uni.createFrom().failure(ApiException.conflict(
                                "exception list item id: \"" + item.itemId() + "\" already exists")));
    }

    private OutboxEvent created(Namespace namespace, ExceptionList list, ExceptionItem item) {
        return new OutboxEvent(Topics.EXCEPTIONS, item.id(), EventTypes.EXCEPTION_ITEM_CREATED, item.itemId(),
                new ExceptionItemChange(namespace.space(), list.id(), json.valueToTree(item)));
    }
}
