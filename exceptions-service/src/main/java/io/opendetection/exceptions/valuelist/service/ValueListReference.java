package io.opendetection.exceptions.valuelist.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opendetection.exceptions.item.service.ExceptionItem;
import io.opendetection.exceptions.list.service.ExceptionList;

/** An exception item with an entry naming a value list, and the exception list that holds it (Kibana's words). */
public record ValueListReference(@JsonProperty("exception_item") ExceptionItem item,
                                 @JsonProperty("exception_list") ExceptionList list) {
}
