package io.opendetection.eql.parse;

/** A query that is not valid EQL; the message names the line, the column and what was expected there. */
public class EqlSyntaxException extends RuntimeException {

    private final int line;
    private final int column;
    private final String reason;

    EqlSyntaxException(String query, int offset, String reason) {
        super("line " + lineOf(query, offset) + ":" + columnOf(query, offset) + ": " + reason);
        this.line = lineOf(query, offset);
        this.column = columnOf(query, offset);
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    /** 1-based, as Elasticsearch's EQL errors count it for humans. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    private static int lineOf(String query, int offset) {
        int end = Math.min(offset, query.length());
        return (int) query.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int columnOf(String query, int offset) {
        int end = Math.min(offset, query.length());
        return end - query.lastIndexOf('\n', end - 1);
    }
}
