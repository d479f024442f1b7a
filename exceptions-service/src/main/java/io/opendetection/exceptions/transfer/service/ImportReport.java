package io.opendetection.exceptions.transfer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The answer of {@code POST /api/exception_lists/_import}: what was imported, and each object that was not. */
@JsonPropertyOrder(alphabetic = true)
public record ImportReport(
        List<ImportError> errors,
        boolean success,
        @JsonProperty("success_count") int successCount,
        @JsonProperty("success_count_exception_list_items") int itemCount,
        @JsonProperty("success_count_exception_lists") int listCount,
        @JsonProperty("success_exception_list_items") boolean itemsSucceeded,
        @JsonProperty("success_exception_lists") boolean listsSucceeded) {

    static ImportReport of(int lists, int items, List<ImportError> errors) {
        boolean itemErrors = errors.stream().anyMatch(ImportError::isAboutItem);
        boolean listErrors = errors.stream().anyMatch(error -> !error.isAboutItem());
        return new ImportReport(errors, errors.isEmpty(), lists + items, items, lists, !itemErrors, !listErrors);
    }
}
