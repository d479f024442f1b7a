package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.common.events.Outbox;
import io.opendetection.common.events.OutboxEvent;
import io.opendetection.contracts.events.EventTypes;
import io.opendetection.contracts.events.Topics;
import io.opendetection.contracts.events.ValueListChange;
import io.opendetection.lists.index.persistence.ListIndexRepository;
import io.opendetection.lists.index.service.DataStreams;
import io.opendetection.lists.list.persistence.ValueListRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Creating and reading the value lists of the caller's space. */
@ApplicationScoped
public class ValueListService {
    @Inject
    Pool pool;

    @Inject
    ListIndexRepository indexes;

    @Inject
    ValueListRepository lists;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

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

    private Uni<Void> insert(SqlConnection tx, String space, ValueList list) {
        return lists.insert(tx, space, list)
                .flatMap(inserted -> inserted
                        ? outbox.append(tx, new OutboxEvent(Topics.LISTS, list.id(), EventTypes.VALUE_LIST_CREATED,
                                list.id(), new ValueListChange(space, json.valueToTree(list))))
                        : Uni.createFrom().failure(ApiException.conflict(
                                "list id: \"" + list.id() + "\" already exists")));
    }
}
