package io.opendetection.eql.parse;

/** One lexical token; {@code text} is the identifier or symbol, or the decoded string. */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        IDENTIFIER, QUOTED_IDENTIFIER, STRING, INTEGER, DECIMAL, SYMBOL, END
    }

    boolean is(Kind expected, String value) {
        return kind == expected && text.equals(value);
    }

    boolean isSymbol(String value) {
        return is(Kind.SYMBOL, value);
    }

    boolean isKeyword(String value) {
        return is(Kind.IDENTIFIER, value);
    }

    /** How an error message names it. */
    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
