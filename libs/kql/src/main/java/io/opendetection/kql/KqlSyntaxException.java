package io.opendetection.kql;

import java.util.List;

/** A query that is not valid KQL; the message names the position and what the parser expected there. */
public class KqlSyntaxException extends RuntimeException {

    private final int offset;
    private final int line;
    private final int column;
    private final List<String> expected;
    private final String found;

    KqlSyntaxException(String query, int offset, List<String> expected, String found) {
        super(describe(query, offset, expected, found));
        this.offset = offset;
        this.line = lineOf(query, offset);
        this.column = columnOf(query, offset);
        this.expected = List.copyOf(expected);
        this.found = found;
    }

    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public List<String> expected() {
        return expected;
    }

    /** The quoted character at the error, or {@code end of input}. */
    public String found() {
        return found;
    }

    /** The error in one line, without the query and the caret: what an API response says. */
    public String reason() {
        return getMessage().lines().findFirst().orElse("");
    }

    private static String describe(String query, int offset, List<String> expected, String found) {
        // The query and a caret under the error, as Kibana's KQLSyntaxError shows it.
        return "Expected " + joinExpected(expected) + " but " + found + " found at line "
                + lineOf(query, offset) + ", column " + columnOf(query, offset) + " (offset " + offset + ").\n"
                + query + "\n" + "-".repeat(offset) + "^";
    }

    private static String joinExpected(List<String> expected) {
        if (expected.size() == 1) {
            return expected.get(0);
        }
        return String.join(", ", expected.subList(0, expected.size() - 1)) + " or " + expected.get(expected.size() - 1);
    }

    private static int lineOf(String query, int offset) {
        return (int) query.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int columnOf(String query, int offset) {
        return offset - query.lastIndexOf('\n', offset - 1);
    }
}
