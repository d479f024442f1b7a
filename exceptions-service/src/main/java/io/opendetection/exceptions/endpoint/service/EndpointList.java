package io.opendetection.exceptions.endpoint.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ExceptionItemService;
import io.opendetection.exceptions.item.service.NewExceptionItem;
import io.opendetection.exceptions.search.Page;
import io.opendetection.exceptions.search.PageRequest;
import io.opendetection.exceptions.list.persistence.ExceptionListRepository;
import io.opendetection.exceptions.list.service.ExceptionList;
import io.opendetection.exceptions.list.service.NewExceptionList;
import io.opendetection.exceptions.namespace.Namespace;
import io.opendetection.exceptions.namespace.NamespaceType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** The one Elastic Endpoint exception list: agnostic, list_id {@code endpoint_list}, created on first use. */
@ApplicationScoped
public class EndpointList {
    /** Kibana's name and description of the list. */
    static final String NAME = "Endpoint Security Exception List";
    public static final Namespace NAMESPACE = NamespaceType.AGNOSTIC.seenFrom(null);

    @Inject
    Pool pool;

    @Inject
    ExceptionListRepository lists;

    @Inject
    Outbox outbox;

    @Inject
    ExceptionEvents events;

    @Inject
    ExceptionItemService items;

    @Inject
    Caller caller;

    /** Creates the list if it does not exist yet: the new list, or empty when it existed already. */
    public Uni<Optional<ExceptionList>> create() {
        ExceptionList list = ExceptionList.create(new NewExceptionList(ExceptionList.ENDPOINT_LIST_ID, NAME, NAME,
                "endpoint", NamespaceType.AGNOSTIC, List.of(), List.of(), null, 1), caller.user());
        return pool.withTransaction(tx -> lists.insert(tx, NAMESPACE, list)
                        .flatMap(inserted -> inserted
                                ? outbox.append(tx, events.listCreated(NAMESPACE, list)).replaceWith(Optional.of(list))
                                : Uni.createFrom().item(Optional.<ExceptionList>empty())))
                .invoke(created -> created.ifPresent(ignored -> outbox.committed()));
    }

    /** Kibana creates the list, if need be, before adding an item to it. */
    public Uni<ExceptionItem> createItem(NewExceptionItem item) {
        return create().flatMap(ignored -> items.create(item));
    }

    /** A page of the list's items; before the list exists, Kibana's 404. */
    public Uni<Page<ExceptionItem>> findItems(List<String> filters, PageRequest page) {
        return lists.findByListId(pool, NAMESPACE, ExceptionList.ENDPOINT_LIST_ID)
                .onItem().ifNull().failWith(() -> ApiException.notFound(
                        "list id: \"" + ExceptionList.ENDPOINT_LIST_ID + "\" does not exist"))
                .flatMap(list -> items.find(List.of(ExceptionList.ENDPOINT_LIST_ID), List.of(NamespaceType.AGNOSTIC),
                        filters, null, page));
    }
}
