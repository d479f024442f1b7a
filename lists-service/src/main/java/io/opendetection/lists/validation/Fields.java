package io.opendetection.lists.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the fields of a JSON object of a request, noting each problem in {@link Problems} in zod's
 * words instead of stopping at the first. A getter returns null when the field is absent or wrong;
 * the caller applies defaults and, once done reading, calls {@link Problems#throwIfAny()}.
 * Unknown fields are ignored, as zod strips them.
 */
public final class Fields {
    private final JsonNode object;
    private final Problems problems;

    private Fields(JsonNode object, Problems problems) {
        this.object = object;
        this.problems = problems;
    }

    /** The fields of a request part; a part that is not a JSON object fails the request now. */
    public static Fields of(JsonNode part, Problems problems) {
        if (part == null || !part.isObject()) {
            problems.add("", "Expected object, received " + typeOf(part));
            problems.throwIfAny();
        }
        return new Fields(part, problems);
    }

    public String string(String name, Presence presence) {
        JsonNode value = field(name, presence);
        return value == null ? null : text(name, value);
    }

    /** A string with something in it besides white space (Kibana's NonEmptyString). */
    public String nonEmptyString(String name, Presence presence) {
        String text = string(name, presence);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problems.add(name, "String must contain at least 1 character(s)");
        }
        if (text.isBlank()) {
            problems.add(name, "No empty strings allowed");
            return null;
        }
        return text;
    }

    public String oneOf(String name, Presence presence, List<String> allowed) {
        JsonNode value = field(name, presence);
        if (value == null) {
            return null;
        }
        String expected = allowed.stream().map(option -> "'" + option + "'").collect(Collectors.joining(" | "));
        if (!value.isTextual()) {
            problems.add(name, "Expected " + expected + ", received " + typeOf(value));
            return null;
        }
        if (!allowed.contains(value.textValue())) {
            problems.add(name, "Invalid enum value. Expected " + expected + ", received '" + value.textValue() + "'");
            return null;
        }
        return value.textValue();
    }

    /** An optional whole number, at least {@code min}. */
    public Integer integer(String name, int min) {
        JsonNode value = field(name, Presence.OPTIONAL);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problems.add(name, "Expected number, received " + typeOf(value));
        } else if (value.doubleValue() != Math.rint(value.doubleValue())) {
            problems.add(name, "Expected integer, received float");
        } else if (value.doubleValue() < min) {
            problems.add(name, "Number must be greater than or equal to " + min);
        } else if (value.doubleValue() > Integer.MAX_VALUE) {
            problems.add(name, "Number must be less than or equal to " + Integer.MAX_VALUE);
        } else {
            return value.intValue();
        }
        return null;
    }

    /** An optional object of any content, such as {@code meta}. */
    public ObjectNode anyObject(String name) {
        JsonNode value = field(name, Presence.OPTIONAL);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(name, "Expected object, received " + typeOf(value));
            return null;
        }
        return (ObjectNode) value;
    }

    private JsonNode field(String name, Presence presence) {
        JsonNode value = object.get(name);
        if (value == null && presence == Presence.REQUIRED) {
            problems.add(name, "Required");
        }
        return value;
    }

    private String text(String name, JsonNode value) {
        if (!value.isTextual()) {
            problems.add(name, "Expected string, received " + typeOf(value));
            return null;
        }
        return value.textValue();
    }

    /** The type names zod reports after "received"; an empty body reaches zod as null. */
    private static String typeOf(JsonNode value) {
        if (value == null) {
            return "null";
        }
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case NULL -> "null";
            default -> "unknown";
        };
    }
}
