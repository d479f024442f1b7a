package io.opendetection.exceptions.validation;

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
 * zod's words instead of stopping at the first. A getter returns null when the field is absent
 * or wrong; the caller applies defaults and, once done reading, calls {@link Problems#throwIfAny()}.
 * Unknown fields are ignored, as zod strips them.
 */
public final class Fields {
    // zod's datetime(): UTC only ("Z"), any fraction of a second.
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

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

    public String string(String name, Presence presence) {
        JsonNode value = field(name, presence);
        return value == null ? null : text(at(name), value);
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

    /** An optional whole number, at least {@code min}. */
    public Integer integer(String name, int min) {
        JsonNode value = field(name, Presence.OPTIONAL);
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
        } else if (value.doubleValue() > Integer.MAX_VALUE) {
            problems.add(where, "Number must be less than or equal to " + Integer.MAX_VALUE);
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

    /** An optional ISO-8601 date-time in UTC, kept as given. */
    public String dateTime(String name) {
        JsonNode value = field(name, Presence.OPTIONAL);
        String text = value == null ? null : text(at(name), value);
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
        return array(name, presence, 0, this::text);
    }

    public List<String> nonEmptyStrings(String name, Presence presence, int minItems) {
        return array(name, presence, minItems, this::nonEmptyText);
    }

    public List<String> oneOfEach(String name, Presence presence, List<String> allowed) {
        return array(name, presence, 0, (where, value) -> enumText(where, value, allowed));
    }

    /** An array of objects, each to read field by field; elements that are not objects are noted and skipped. */
    public List<Fields> objects(String name, Presence presence, int minItems) {
        return array(name, presence, minItems, this::element);
    }

    private <T> List<T> array(String name, Presence presence, int minItems, ElementReader<T> reader) {
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
        return value;
    }

    private String text(String where, JsonNode value) {
        if (!value.isTextual()) {
            problems.add(where, "Expected string, received " + typeOf(value));
            return null;
        }
        return value.textValue();
    }

    private String nonEmptyText(String where, JsonNode value) {
        String text = text(where, value);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problems.add(where, "String must contain at least 1 character(s)");
        }
        if (text.isBlank()) {
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
            default -> "unknown";
        };
    }

    @FunctionalInterface
    private interface ElementReader<T> {
        T read(String where, JsonNode value);
    }
}
