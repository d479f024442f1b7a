package io.opendetection.contracts.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Kibana's Security Solution error body, used for handler-level errors (404, 409, business-rule
 * 400s, 500): {@code {"message":"...","status_code":409}}. {@code message} is a string, or an
 * array of strings where Kibana sends one.
 */
@JsonPropertyOrder({"message", "status_code"})
public record SiemError(Object message, @JsonProperty("status_code") int statusCode) {
}
