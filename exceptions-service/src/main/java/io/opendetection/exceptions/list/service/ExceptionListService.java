package io.opendetection.exceptions.list.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.ExceptionListChange;
import io.opendetection.contracts.events.Topics;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Creating and reading exception lists in the caller's space, or in every space for agnostic ones. */
@ApplicationScoped
public class ExceptionListService {
    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    public Uni<ExceptionList> create(NewExceptionList request) {
        Namespace namespace = request.namespaceType().seenFrom(caller.space());
        ExceptionList list = ExceptionList.create(request, caller.user());
        return pool.withTransaction(tx -> lists.insert(tx, namespace, list)
                        .flatMap(inserted -> inserted
                                ? outbox.append(tx, created(namespace, list))
                                : Uni.createFrom().failure(ApiException.conflict(
                                        "exception list id: \"" + list.listId() + "\" already exists"))))
                .invoke(outbox::committed)
                .replaceWith(list);
    }

    public Uni<ExceptionList> read(ListReference reference, NamespaceType namespaceType) {
        Namespace namespace = namespaceType.seenFrom(caller.space());
        Uni<ExceptionList> found = reference.id() != null
                ? lists.findById(pool, namespace, reference.id())
                : lists.findByListId(pool, namespace, reference.listId());
        return found.onItem().ifNull().failWith(reference::notFound);
    }

    private OutboxEvent created(Namespace namespace, ExceptionList list) {
        return new OutboxEvent(Topics.EXCEPTIONS, list.id(), EventTypes.EXCEPTION_LIST_CREATED, list.listId(),
                new ExceptionListChange(namespace.space(), json.valueToTree(list)));
    }
}
