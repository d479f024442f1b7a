package io.opendetection.lists.index.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a space's value lists and their items have storage. */
public record ListIndexStatus(@JsonProperty("list_index") boolean listIndex,
                              @JsonProperty("list_item_index") boolean listItemIndex) {
}
