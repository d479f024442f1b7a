package io.opendetection.lists.index.service;

import io.opendetection.common.caller.Caller;
import io.opendetection.common.errors.ApiException;
import io.opendetection.lists.index.persistence.ListIndexRepository;
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
}
