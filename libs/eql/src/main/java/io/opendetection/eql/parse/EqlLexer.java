package io.opendetection.eql.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits an EQL query into tokens: identifiers, strings (escaped and raw), numbers, symbols. */
final class EqlLexer {

    private static final String[] SYMBOLS = {"==", "!=", "<=", ">=", "!:", "![", "<", ">", ":", "=", "+", "-", "*",
        "/", "%", "(", ")", "[", "]", ",", "|", "~", "?", "."};

    private final String input;
    private int pos;

    private EqlLexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new EqlLexer(input).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= input.length()) {
                tokens.add(new Token(Token.Kind.END, "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (input.startsWith("//", pos)) {
                int newline = input.indexOf('\n', pos);
                pos = newline < 0 ? input.length() : newline + 1;
            } else if (input.startsWith("/*", pos)) {
                int close = input.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new EqlSyntaxException(input, pos, "unterminated comment: expected '*/'");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        if (Character.isLetter(c) || c == '_' || c == '@' || c == '`') {
            return name(start);
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
            return number(start);
        }
        if (input.startsWith("?\"", pos)) {
            return legacyRawString(start);
        }
        if (input.startsWith("\"\"\"", pos)) {
            int close = input.indexOf("\"\"\"", pos + 3);
            if (close < 0) {
                throw new EqlSyntaxException(input, start, "unterminated raw string: expected '\"\"\"'");
            }
            // A raw string may end in quotes: """a"""" is the text a".
            while (input.startsWith("\"", close + 3)) {
                close++;
            }
            pos = close + 3;
            return new Token(Token.Kind.STRING, input.substring(start + 3, close), start, pos);
        }
        if (c == '"') {
            return escapedString(start);
        }
        if (c == '\'') {
            throw new EqlSyntaxException(input, start,
                    "use double quotes [\"] to define string literals, not single quotes [']");
        }
        for (String symbol : SYMBOLS) {
            if (input.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(Token.Kind.SYMBOL, symbol, start, pos);
            }
        }
        throw new EqlSyntaxException(input, start, "unexpected character '" + c + "'");
    }

    /**
     * An identifier or a field name, whose dotted segments may be back-quoted
     * ({@code a.`0`.b}); a name with a quoted segment is never a keyword.
     */
    private Token name(int start) {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '`' && (text.length() == 0 || text.charAt(text.length() - 1) == '.')) {
                int close = input.indexOf('`', pos + 1);
                if (close < 0) {
                    throw new EqlSyntaxException(input, pos, "unterminated quoted field name: expected '`'");
                }
                text.append(input, pos + 1, close);
                pos = close + 1;
                quoted = true;
            } else if (isIdentifierPart(c) && (c != '.' || text.length() > 0)) {
                text.append(c);
                pos++;
            } else {
                break;
            }
        }
        return new Token(quoted ? Token.Kind.QUOTED_IDENTIFIER : Token.Kind.IDENTIFIER, text.toString(), start, pos);
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '.';
    }

    private Token number(int start) {
        boolean decimal = false;
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < input.length() && input.charAt(pos) == '.' && Character.isDigit(input.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                pos++;
            }
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                decimal = true;
                while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return new Token(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, input.substring(start, pos), start, pos);
    }

    /** python EQL's raw string {@code ?"..."}: backslashes are kept as written; only {@code \"} does not end it. */
    private Token legacyRawString(int start) {
        int close = pos + 2;
        while (close < input.length() && input.charAt(close) != '"') {
            close += input.charAt(close) == '\\' ? 2 : 1;
        }
        if (close >= input.length()) {
            throw new EqlSyntaxException(input, start, "unterminated raw string: expected '\"'");
        }
        String text = input.substring(pos + 2, close).replace("\\\"", "\"");
        pos = close + 1;
        return new Token(Token.Kind.STRING, text, start, pos);
    }

    private Token escapedString(int start) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new EqlSyntaxException(input, start, "unterminated string: expected '\"'");
            }
            char c = input.charAt(pos++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, text.toString(), start, pos);
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (pos >= input.length()) {
                throw new EqlSyntaxException(input, start, "unterminated string: expected '\"'");
            }
            char escaped = input.charAt(pos++);
            switch (escaped) {
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case '"' -> text.append('"');
                case '\'' -> text.append('\'');
                case '\\' -> text.append('\\');
                case 'u' -> text.append(unicodeEscape(start));
                default -> throw new EqlSyntaxException(input, pos - 2,
                        "illegal escape sequence \\" + escaped + ": expected one of \\n \\r \\t \\\" \\' \\\\ \\u{hex}");
            }
        }
    }

    /** A unicode escape: backslash, u, then 2 to 8 hex digits in braces. */
    private String unicodeEscape(int stringStart) {
        int at = pos - 2;
        if (pos >= input.length() || input.charAt(pos) != '{') {
            throw new EqlSyntaxException(input, at, "illegal unicode escape: expected \\u{hex}");
        }
        int close = input.indexOf('}', pos);
        String hex = close < 0 ? "" : input.substring(pos + 1, close);
        if (hex.length() < 2 || hex.length() > 8 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new EqlSyntaxException(input, at, "illegal unicode escape: expected 2 to 8 hex digits in \\u{hex}");
        }
        pos = close + 1;
        int codePoint = Integer.parseInt(hex, 16);
        if (!Character.isValidCodePoint(codePoint)) {
            throw new EqlSyntaxException(input, at, "illegal unicode code point " + hex);
        }
        return new String(Character.toChars(codePoint));
    }
}
