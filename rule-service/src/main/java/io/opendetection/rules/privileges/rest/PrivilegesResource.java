package io.opendetection.rules.privileges.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendetection.common.caller.Caller;
import io.opendetection.common.caller.HasPrivileges;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/detection_engine/privileges}, in Kibana's shape: the caller's cluster privileges and
 * what they may do with the space's alerts index (Kibana's UI decides from it whether alerts can be
 * read and changed), plus Kibana's two flags.
 */
@Path("/api/detection_engine/privileges")
@Produces(MediaType.APPLICATION_JSON)
public class PrivilegesResource {
    @Inject
    Caller caller;

    @GET
    public ObjectNode privileges() {
        ObjectNode answer = HasPrivileges.of(caller, "alerts", ".alerts-security.alerts-" + caller.space());
        answer.put("is_authenticated", true);
        answer.put("has_encryption_key", true);
        return answer;
    }
}
