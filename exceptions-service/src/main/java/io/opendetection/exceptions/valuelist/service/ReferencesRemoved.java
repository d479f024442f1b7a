package io.opendetection.exceptions.valuelist.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How many items lost their entries naming a value list, and how many were deleted as none were left. */
public record ReferencesRemoved(@JsonProperty("updated_items") int updatedItems,
                                @JsonProperty("deleted_items") int deletedItems) {
}
