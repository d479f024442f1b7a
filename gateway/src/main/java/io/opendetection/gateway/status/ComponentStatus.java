package io.opendetection.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one part is doing.
 *
 * @param checks the part's own health checks as it reported them, when it answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentStatus(Level level, String summary, JsonNode checks) {
}
