package io.opendetection.lists.index.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.lists.index.persistence.ListIndexRepository;
import io.opendetection.lists.item.persistence.ListItemRepository;
import io.opendetection.lists.list.persistence.ValueListRepository;
import io.opendetection.lists.list.persistence.ValueListRepository.DeletedList;
import io.opendetection.lists.list.service.ListEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The value-list storage of the caller's space. Lists and their items share one storage, so both
 * of Kibana's data streams exist, or neither does.
 */
@ApplicationScoped
public class ListIndexService {
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

    public Uni<Acknowledged> create() {
        String space = caller.space();
        return indexes.insert(pool, space).map(created -> {
            if (!created) {
                throw ApiException.conflict("data stream: \"" + DataStreams.lists(space) + "\" and \""
                        + DataStreams.items(space) + "\" already exists");
            }
            return new Acknowledged(true);
        });
    }

    public Uni<ListIndexStatus> status() {
        String space = caller.space();
        return indexes.exists(pool, space).map(exists -> {
            if (!exists) {
                throw ApiException.notFound("data stream \"" + DataStreams.lists(space) + "\" and data stream \""
                        + DataStreams.items(space) + "\" does not exist");
            }
            return new ListIndexStatus(true, true);
        });
    }

    /** Removes the space's storage with every list and value in it; each list's deletion is published. */
    public Uni<Acknowledged> delete() {
        String space = caller.space();
        return pool.withTransaction(tx -> indexes.exists(tx, space).flatMap(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(ApiException.notFound("index and data stream: \""
                        + DataStreams.lists(space) + "\" and \"" + DataStreams.items(space) + "\" does not exist"));
            }
            // the lists' rows first: their deletion waits for imports into them, whose items the next
            // statement then sees (nothing keeps an item's list by foreign key, V6)
            return lists.deleteSpace(tx, space)
                    .call(deleted -> items.deleteLists(tx, deleted.stream().map(DeletedList::key).toList()))
                    .chain(deleted -> outbox.append(tx, deleted.stream().map(list -> events.deleted(list.id())).toList()))
                    .chain(() -> indexes.delete(tx, space))
                    .replaceWith(new Acknowledged(true));
        })).invoke(outbox::committed);
    }
}
