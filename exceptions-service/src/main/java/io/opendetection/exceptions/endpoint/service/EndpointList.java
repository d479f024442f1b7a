package io.opendetection.exceptions.endpoint.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.errors.ApiException;
import io.opendetection.exceptions.events.ExceptionEvents;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.item.service.ExceptionItemService;
import io.opendetection.exceptions.item.service.ItemReference;
import io.opendetection.exceptions.item.service.ItemUpdate;
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
        ExceptionList list = ExceptionList.create(ExceptionList.ENDPOINT_LIST_ID, new NewExceptionList(
                ExceptionList.ENDPOINT_LIST_ID, NAME, NAME, "endpoint", NamespaceType.AGNOSTIC, List.of(), List.of(),
                null, 1), caller.user());
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

    /**
     * Kibana creates the list, if need be, before changing an item of it; an item it does not find
     * is a 404 in the words of Kibana's endpoint route.
     */
    public Uni<ExceptionItem> updateItem(ItemUpdate update) {
        ItemReference reference = update.reference();
        return create().flatMap(ignored -> items.update(update)).onFailure(ApiException.class)
                .transform(failure -> ((ApiException) failure).status() != 404 ? failure
                        : ApiException.notFound(reference.id() != null
                                ? "list item id: \"" + reference.id() + "\" not found"
                                : "list item item_id: \"" + reference.itemId() + "\" not found"));
    }

    /** A page of the list's items; as Kibana, the list is created first when it does not exist yet. */
    public Uni<Page<ExceptionItem>> findItems(List<String> filters, PageRequest page) {
        return create().flatMap(ignored -> items.find(List.of(ExceptionList.ENDPOINT_LIST_ID),
                List.of(NamespaceType.AGNOSTIC), filters, null, page));
    }
}
