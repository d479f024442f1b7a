package io.opendetection.exceptions.transfer.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One object of an import that was not imported, and why, as Kibana reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "item_id", "list_id"})
public record ImportError(Reason error, @JsonProperty("item_id") String itemId, @JsonProperty("list_id") String listId) {

    @JsonPropertyOrder({"message", "status_code"})
    public record Reason(String message, @JsonProperty("status_code") int statusCode) {
    }

    static ImportError ofList(String listId, int status, String message) {
        return new ImportError(new Reason(message, status), null, listId);
    }

    static ImportError ofItem(String itemId, String listId, int status, String message) {
        return new ImportError(new Reason(message, status), itemId, listId);
    }

    boolean isAboutItem() {
        return itemId != null;
    }
}
