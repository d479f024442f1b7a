package io.opendetection.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object of a request, noting each problem in {@link Problems} in
 * zod's words instead of stopping at the first, so a service answers a bad request as Kibana does.
 * A getter returns null when the field is absent or wrong; the caller applies defaults and, once
 * done reading, calls {@link Problems#throwIfAny()}. Unknown fields are ignored, as zod strips them.
 */
public final class Fields {
    // zod's datetime(): UTC only ("Z"), any fraction of a second.
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final int ANY_COUNT = Integer.MAX_VALUE;

    private final JsonNode object;
    private final String path;
    private final Problems problems;

    private Fields(JsonNode object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** The fields of a request part; a part that is not a JSON object fails the request now. */
    public static Fields of(JsonNode part, Problems problems) {
        if (part == null || !part.isObject()) {
            problems.add("", "Expected object, received " + typeOf(part));
            problems.throwIfAny();
        }
        return new Fields(part, "", problems);
    }

    /** A field of any type (zod's unknown()), as given: only whether it is there is checked. */
    public JsonNode value(String name, Presence presence) {
        return field(name, presence);
    }

    public String string(String name, Presence presence) {
        return string(name, presence, 0);
    }

    /** A string of at least {@code minLength} characters (zod's string().min()). */
    public String string(String name, Presence presence, int minLength) {
        JsonNode value = field(name, presence);
        return value == null ? null : text(at(name), value, minLength);
    }

    /** A string with something in it besides white space (Kibana's NonEmptyString). */
    public String nonEmptyString(String name, Presence presence) {
        JsonNode value = field(name, presence);
        return value == null ? null : nonEmptyText(at(name), value);
    }

    public String oneOf(String name, Presence presence, List<String> allowed) {
        JsonNode value = field(name, presence);
        return value == null ? null : enumText(at(name), value, allowed);
    }

    /** The field a union of object shapes is told apart by (zod's discriminatedUnion). */
    public String discriminator(String name, List<String> allowed) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual() || !allowed.contains(value.textValue())) {
            problems.add(at(name), "Invalid discriminator value. Expected " + quoted(allowed));
            return null;
        }
        return value.textValue();
    }

    public Boolean bool(String name, Presence presence) {
        JsonNode value = field(name, presence);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(at(name), "Expected boolean, received " + typeOf(value));
            return null;
        }
        return value.booleanValue();
    }

    /** A whole number from {@code min} to {@code max} (zod's number().int().min().max()). */
    public Long integer(String name, Presence presence, long min, long max) {
        JsonNode value = field(name, presence);
        if (value == null) {
            return null;
        }
        String where = at(name);
        if (!value.isNumber()) {
            problems.add(where, "Expected number, received " + typeOf(value));
        } else if (value.doubleValue() != Math.rint(value.doubleValue())) {
            problems.add(where, "Expected integer, received float");
        } else if (value.doubleValue() < min) {
            problems.add(where, "Number must be greater than or equal to " + min);
        } else if (value.doubleValue() > max) {
            problems.add(where, "Number must be less than or equal to " + max);
        } else {
            return value.longValue();
        }
        return null;
    }

    /** An object of any content, such as {@code meta}. */
    public ObjectNode anyObject(String name, Presence presence) {
        JsonNode value = field(name, presence);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(at(name), "Expected object, received " + typeOf(value));
            return null;
        }
        return (ObjectNode) value;
    }

    /** A nested object, to read field by field. */
    public Fields object(String name, Presence presence) {
        JsonNode value = field(name, presence);
        return value == null ? null : element(at(name), value);
    }

    /** An ISO-8601 date-time in UTC, kept as given. */
    public String dateTime(String name, Presence presence) {
        String text = string(name, presence);
        if (text == null) {
            return null;
        }
        if (!DATE_TIME.matcher(text).matches() || !parses(text)) {
            problems.add(at(name), "Invalid datetime");
            return null;
        }
        return text;
    }

    public List<String> strings(String name, Presence presence) {
        return strings(name, presence, 0, ANY_COUNT);
    }

    public List<String> strings(String name, Presence presence, int minItems, int maxItems) {
        return array(name, presence, minItems, maxItems, (where, value) -> text(where, value, 0));
    }

    public List<String> nonEmptyStrings(String name, Presence presence, int minItems) {
        return array(name, presence, minItems, ANY_COUNT, this::nonEmptyText);
    }

    public List<String> oneOfEach(String name, Presence presence, List<String> allowed) {
        return array(name, presence, 0, ANY_COUNT, (where, value) -> enumText(where, value, allowed));
    }

    /** An array of objects, each to read field by field; elements that are not objects are noted and skipped. */
    public List<Fields> objects(String name, Presence presence, int minItems) {
        return array(name, presence, minItems, ANY_COUNT, this::element);
    }

    /** An array of values of any type, kept as given. */
    public List<JsonNode> anyArray(String name, Presence presence) {
        return anyArray(name, presence, 0, ANY_COUNT);
    }

    public List<JsonNode> anyArray(String name, Presence presence, int minItems, int maxItems) {
        return array(name, presence, minItems, maxItems, (where, value) -> value);
    }

    private <T> List<T> array(String name, Presence presence, int minItems, int maxItems, ElementReader<T> reader) {
        JsonNode value = field(name, presence);
        if (value == null) {
            return null;
        }
        String where = at(name);
        if (!value.isArray()) {
            problems.add(where, "Expected array, received " + typeOf(value));
            return null;
        }
        if (value.size() < minItems) {
            problems.add(where, "Array must contain at least " + minItems + " element(s)");
        }
        if (value.size() > maxItems) {
            problems.add(where, "Array must contain at most " + maxItems + " element(s)");
        }
        List<T> read = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            T element = reader.read(where + "." + i, value.get(i));
            if (element != null) {
                read.add(element);
            }
        }
        return read;
    }

    private JsonNode field(String name, Presence presence) {
        JsonNode value = object.get(name);
        if (value == null && presence == Presence.REQUIRED) {
            problems.add(at(name), "Required");
        }
        if (value != null && value.isNull() && presence == Presence.NULLISH) {
            return null;
        }
        return value;
    }

    private String text(String where, JsonNode value, int minLength) {
        if (!value.isTextual()) {
            problems.add(where, "Expected string, received " + typeOf(value));
            return null;
        }
        if (value.textValue().length() < minLength) {
            problems.add(where, "String must contain at least " + minLength + " character(s)");
            return null;
        }
        return value.textValue();
    }

    /** zod reports both the length and the blankness of an empty string. */
    private String nonEmptyText(String where, JsonNode value) {
        String text = text(where, value, 1);
        if (value.isTextual() && value.textValue().isBlank()) {
            problems.add(where, "No empty strings allowed");
            return null;
        }
        return text;
    }

    private String enumText(String where, JsonNode value, List<String> allowed) {
        if (!value.isTextual()) {
            problems.add(where, "Expected " + quoted(allowed) + ", received " + typeOf(value));
            return null;
        }
        if (!allowed.contains(value.textValue())) {
            problems.add(where, "Invalid enum value. Expected " + quoted(allowed) + ", received '" + value.textValue() + "'");
            return null;
        }
        return value.textValue();
    }

    private Fields element(String where, JsonNode value) {
        if (!value.isObject()) {
            problems.add(where, "Expected object, received " + typeOf(value));
            return null;
        }
        return new Fields(value, where, problems);
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean parses(String dateTime) {
        try {
            Instant.parse(dateTime);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(" | "));
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
            case MISSING -> "undefined";
            case BINARY -> "binary";
        };
    }

    @FunctionalInterface
    private interface ElementReader<T> {
        T read(String where, JsonNode value);
    }
}
