package io.opendetection.rules.execution.exceptions;

import java.util.List;

/**
 * A value list's values as lists-service gave them for one execution.
 *
 * @param type     the list's type ({@code ip}, {@code ip_range}, {@code keyword}, …)
 * @param values   its values, at most the executor's limit
 * @param complete false when the list holds more than the limit (the values are then a prefix)
 */
public record ValueListValues(String type, List<String> values, boolean complete) {
}
