package io.opendetection.alerts.workflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.document.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** An analyst's triage of the alerts of the caller's space: status, tags, assignees. */
@ApplicationScoped
public class AlertWorkflow {
    @Inject
    Caller caller;

    @Inject
    AlertUpdates updates;

    public Uni<UpdateByQueryResult> setStatus(JsonNode body) {
        StatusRequest request = StatusRequest.read(body);
        Instant now = Instant.now();
        StatusEdit edit = new StatusEdit(request.status(), request.reason(), Timestamps.of(now));
        return updates.apply(caller.space(), caller.user(), request.selection(), edit, request.conflicts(), now);
    }

    /** Kibana's tags route updates with conflicts "proceed"; we re-read and retry instead, so no tag is lost. */
    public Uni<UpdateByQueryResult> setTags(JsonNode body) {
        ValuesRequest request = ValuesRequest.tags(body);
        return updates.apply(caller.space(), caller.user(), AlertSelection.byIds(request.ids()),
                ValuesEdit.tags(request.add(), request.remove()), Conflicts.RETRY, Instant.now());
    }

    public Uni<UpdateByQueryResult> setAssignees(JsonNode body) {
        ValuesRequest request = ValuesRequest.assignees(body);
        return updates.apply(caller.space(), caller.user(), AlertSelection.byIds(request.ids()),
                ValuesEdit.assignees(request.add(), request.remove()), Conflicts.RETRY, Instant.now());
    }
}
