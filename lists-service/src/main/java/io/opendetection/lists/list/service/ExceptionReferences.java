package io.opendetection.lists.list.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendetection.common.calls.Backend;
import io.opendetection.common.calls.ServiceCalls;
import io.opendetection.common.calls.ServiceResponse;
import io.opendetection.common.errors.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The exception items whose list entries name a value list live in exceptions-service: asked, and
 * removed, there on the caller's behalf (so in the caller's space, plus the agnostic lists).
 */
@ApplicationScoped
public class ExceptionReferences {
    @Inject
    ServiceCalls calls;

    /** Kibana's references: {@code [{"exception_item":..., "exception_list":...}]}, oldest item first. */
    public Uni<JsonNode> find(String valueListId) {
        return calls.get(Backend.EXCEPTIONS, path(valueListId)).map(response -> ok(response).json());
    }

    /** Removes the entries naming the list from those items; the items left with none are deleted. */
    public Uni<Void> remove(String valueListId) {
        return calls.call(Backend.EXCEPTIONS, HttpMethod.DELETE, path(valueListId), null, null)
                .map(this::ok).replaceWithVoid();
    }

    private static String path(String valueListId) {
        return "/internal/value-lists/" + URLEncoder.encode(valueListId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/references";
    }

    /** An answer other than 2xx is passed on as exceptions-service gave it (its failures as ours). */
    private ServiceResponse ok(ServiceResponse response) {
        if (response.ok()) {
            return response;
        }
        JsonNode body;
        try {
            body = response.json();
        } catch (UncheckedIOException e) {
            body = null;
        }
        String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                : "exceptions-service answered " + response.status();
        throw ApiException.siem(response.status() >= 500 ? 500 : response.status(), message);
    }
}
