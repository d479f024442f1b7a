package io.opendetection.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A backtracking parser for Kibana's kuery grammar. Like the PEG parser Kibana generates, it
 * remembers what it expected at the furthest offset it reached, so a syntax error names that
 * position and those expectations.
 */
public final class KqlParser {

    private static final String SPECIAL_CHARACTERS = "\\():<>\"*{}";
    private static final List<String> KEYWORDS = List.of("or", "and", "not");
    // Stands for an unescaped '*' among a literal's characters until the literal is complete.
    private static final Object WILDCARD = new Object();
    private static final KqlTerm LONE_WILDCARD = new KqlTerm.Wildcard(List.of("", ""));

    private final String input;
    private int pos;
    private int furthestFailure;
    private final TreeSet<String> expectedAtFurthest = new TreeSet<>();
    // Lookaheads and named rules must not record the expectations of their inner tokens.
    private int silenced;

    private KqlParser(String input) {
        this.input = input;
    }

    /** Parses a query; an empty query matches everything, as in Kibana. */
    public static KqlNode parse(String query) {
        return new KqlParser(query).parseQuery();
    }

    private KqlNode parseQuery() {
        spaces();
        int start = pos;
        KqlNode query = orQuery();
        if (query == null) {
            pos = start;
        }
        spaces();
        if (pos < input.length()) {
            fail("end of input");
            throw syntaxError();
        }
        return query != null ? query : new KqlNode.Is(LONE_WILDCARD, LONE_WILDCARD);
    }

    private KqlNode orQuery() {
        return sequence(this::andQuery, this::or, KqlNode.Or::new);
    }

    private KqlNode andQuery() {
        return sequence(this::notQuery, this::and, KqlNode.And::new);
    }

    /** {@code head (separator item)*}, combined with {@code combine} when there is more than one item. */
    private <T> T sequence(Supplier<T> item, BooleanSupplier separator,
                           Function<List<T>, T> combine) {
        T head = item.get();
        if (head == null) {
            return null;
        }
        List<T> items = new ArrayList<>(List.of(head));
        while (true) {
            int save = pos;
            T next = separator.getAsBoolean() ? item.get() : null;
            if (next == null) {
                pos = save;
                break;
            }
            items.add(next);
        }
        return items.size() == 1 ? head : combine.apply(items);
    }

    private KqlNode notQuery() {
        int start = pos;
        if (not()) {
            KqlNode query = subQuery();
            if (query != null) {
                return new KqlNode.Not(query);
            }
        }
        pos = start;
        return subQuery();
    }

    private KqlNode subQuery() {
        int start = pos;
        if (literal("(")) {
            spaces();
            KqlNode query = orQuery();
            if (query != null) {
                spaces();
                if (literal(")")) {
                    return query;
                }
            }
        }
        pos = start;
        return nestedQuery();
    }

    private KqlNode nestedQuery() {
        int start = pos;
        KqlTerm path = field();
        if (path != null) {
            spaces();
            if (literal(":")) {
                spaces();
                if (literal("{")) {
                    spaces();
                    KqlNode query = orQuery();
                    if (query != null) {
                        spaces();
                        if (literal("}")) {
                            return new KqlNode.Nested(path, query);
                        }
                    }
                }
            }
        }
        pos = start;
        return expression();
    }

    private KqlNode expression() {
        int start = pos;
        KqlNode range = fieldRangeExpression();
        if (range != null) {
            return range;
        }
        pos = start;
        KqlNode fieldValue = fieldValueExpression();
        if (fieldValue != null) {
            return fieldValue;
        }
        pos = start;
        Function<KqlTerm, KqlNode> value = value();
        return value == null ? null : value.apply(null);
    }

    private KqlNode fieldRangeExpression() {
        KqlTerm field = field();
        if (field == null) {
            return null;
        }
        spaces();
        KqlNode.RangeOperator operator = rangeOperator();
        if (operator == null) {
            return null;
        }
        spaces();
        KqlTerm value = named("literal", this::literalTerm);
        return value == null ? null : new KqlNode.Range(field, operator, value);
    }

    private KqlNode fieldValueExpression() {
        KqlTerm field = field();
        if (field == null) {
            return null;
        }
        spaces();
        if (!literal(":")) {
            return null;
        }
        spaces();
        Function<KqlTerm, KqlNode> values = listOfValues();
        return values == null ? null : values.apply(field);
    }

    // Value lists are parsed before their field is known, so they yield a function of the field.

    private Function<KqlTerm, KqlNode> listOfValues() {
        int start = pos;
        if (literal("(")) {
            spaces();
            Function<KqlTerm, KqlNode> values = orListOfValues();
            if (values != null) {
                spaces();
                if (literal(")")) {
                    return values;
                }
            }
        }
        pos = start;
        return value();
    }

    private Function<KqlTerm, KqlNode> orListOfValues() {
        return sequence(this::andListOfValues, this::or,
                parts -> field -> new KqlNode.Or(parts.stream().map(part -> part.apply(field)).toList()));
    }

    private Function<KqlTerm, KqlNode> andListOfValues() {
        return sequence(this::notListOfValues, this::and,
                parts -> field -> new KqlNode.And(parts.stream().map(part -> part.apply(field)).toList()));
    }

    private Function<KqlTerm, KqlNode> notListOfValues() {
        int start = pos;
        if (not()) {
            Function<KqlTerm, KqlNode> values = listOfValues();
            if (values != null) {
                return field -> new KqlNode.Not(values.apply(field));
            }
        }
        pos = start;
        return listOfValues();
    }

    private Function<KqlTerm, KqlNode> value() {
        KqlTerm value = named("value", this::literalTerm);
        return value == null ? null : field -> new KqlNode.Is(field, value);
    }

    private KqlTerm field() {
        return named("fieldName", this::literalTerm);
    }

    private KqlNode.RangeOperator rangeOperator() {
        if (literal("<=")) {
            return KqlNode.RangeOperator.LTE;
        }
        if (literal(">=")) {
            return KqlNode.RangeOperator.GTE;
        }
        if (literal("<")) {
            return KqlNode.RangeOperator.LT;
        }
        return literal(">") ? KqlNode.RangeOperator.GT : null;
    }

    private KqlTerm literalTerm() {
        KqlTerm quoted = quotedString();
        return quoted != null ? quoted : unquotedLiteral();
    }

    private KqlTerm quotedString() {
        int start = pos;
        if (!literal("\"")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        while (pos < input.length() && input.charAt(pos) != '"') {
            text.append(quotedCharacter());
        }
        if (!literal("\"")) {
            pos = start;
            return null;
        }
        return new KqlTerm.Literal(text.toString(), true);
    }

    private char quotedCharacter() {
        Character escaped = escapedWhitespaceOrUnicode();
        if (escaped != null) {
            return escaped;
        }
        if (input.startsWith("\\\\", pos) || input.startsWith("\\\"", pos)) {
            pos += 2;
            return input.charAt(pos - 1);
        }
        // Any other backslash stays as written: "C:\Windows" keeps its backslash.
        return input.charAt(pos++);
    }

    private KqlTerm unquotedLiteral() {
        // Each element is a Character, an escaped keyword's String, or WILDCARD for an unescaped '*'.
        List<Object> chars = new ArrayList<>();
        while (pos < input.length()) {
            Object next = unquotedCharacter();
            if (next == null) {
                break;
            }
            chars.add(next);
        }
        if (chars.isEmpty()) {
            return null;
        }
        return toTerm(trim(chars));
    }

    private Object unquotedCharacter() {
        Character escaped = escapedWhitespaceOrUnicode();
        if (escaped != null) {
            return escaped;
        }
        char c = input.charAt(pos);
        if (c == '\\') {
            return escapedSpecialOrKeyword();
        }
        if (c == '*') {
            pos++;
            return WILDCARD;
        }
        if (SPECIAL_CHARACTERS.indexOf(c) >= 0 || atKeyword()) {
            return null;
        }
        pos++;
        return c;
    }

    /** A backslash before a special character or a keyword makes it plain text; any other is invalid. */
    private Object escapedSpecialOrKeyword() {
        if (pos + 1 < input.length() && SPECIAL_CHARACTERS.indexOf(input.charAt(pos + 1)) >= 0) {
            pos += 2;
            return input.charAt(pos - 1);
        }
        for (String keyword : KEYWORDS) {
            if (input.regionMatches(true, pos + 1, keyword, 0, keyword.length())) {
                pos += 1 + keyword.length();
                return input.substring(pos - keyword.length(), pos);
            }
        }
        return null;
    }

    /** {@code \t}, {@code \r}, {@code \n} and {@code \}{@code uXXXX}, valid both quoted and unquoted. */
    private Character escapedWhitespaceOrUnicode() {
        if (input.charAt(pos) != '\\' || pos + 1 >= input.length()) {
            return null;
        }
        switch (input.charAt(pos + 1)) {
            case 't' -> {
                pos += 2;
                return '\t';
            }
            case 'r' -> {
                pos += 2;
                return '\r';
            }
            case 'n' -> {
                pos += 2;
                return '\n';
            }
            case 'u' -> {
                if (pos + 6 <= input.length() && input.substring(pos + 2, pos + 6).matches("[0-9a-fA-F]{4}")) {
                    pos += 6;
                    return (char) Integer.parseInt(input.substring(pos - 4, pos), 16);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private boolean atKeyword() {
        int start = pos;
        silenced++;
        boolean keyword = or() || and() || not();
        silenced--;
        pos = start;
        return keyword;
    }

    private static List<Object> trim(List<Object> chars) {
        int from = 0;
        int to = chars.size();
        while (from < to && isTrimmable(chars.get(from))) {
            from++;
        }
        while (to > from && isTrimmable(chars.get(to - 1))) {
            to--;
        }
        return chars.subList(from, to);
    }

    private static boolean isTrimmable(Object c) {
        return c instanceof Character ch && (Character.isWhitespace(ch) || ch == '\u00A0' || ch == '\uFEFF');
    }

    private static KqlTerm toTerm(List<Object> chars) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (Object c : chars) {
            if (c == WILDCARD) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        if (parts.size() > 1) {
            return new KqlTerm.Wildcard(parts);
        }
        String text = parts.get(0);
        return switch (text) {
            case "true" -> new KqlTerm.Literal(true, false);
            case "false" -> new KqlTerm.Literal(false, false);
            case "null" -> new KqlTerm.Literal(null, false);
            default -> new KqlTerm.Literal(text, false);
        };
    }

    private boolean or() {
        return keyword("OR", "or", true);
    }

    private boolean and() {
        return keyword("AND", "and", true);
    }

    private boolean not() {
        return keyword("NOT", "not", false);
    }

    /** A keyword, case-insensitive, followed by whitespace and, for or/and, preceded by it too. */
    private boolean keyword(String name, String word, boolean spaceBefore) {
        int start = pos;
        silenced++;
        boolean matched = (!spaceBefore || spaces() > 0)
                && input.regionMatches(true, pos, word, 0, word.length())
                && advance(word.length()) && spaces() > 0;
        silenced--;
        if (!matched) {
            pos = start;
            fail(name);
        }
        return matched;
    }

    private boolean advance(int count) {
        pos += count;
        return true;
    }

    private <T> T named(String name, Supplier<T> rule) {
        int start = pos;
        silenced++;
        T result = rule.get();
        silenced--;
        if (result == null) {
            pos = start;
            fail(name);
        }
        return result;
    }

    private int spaces() {
        int start = pos;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        fail("whitespace");
        return pos - start;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u00A0';
    }

    private boolean literal(String token) {
        if (input.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        fail("\"" + token + "\"");
        return false;
    }

    private void fail(String expectation) {
        if (silenced > 0 || pos < furthestFailure) {
            return;
        }
        if (pos > furthestFailure) {
            furthestFailure = pos;
            expectedAtFurthest.clear();
        }
        expectedAtFurthest.add(expectation);
    }

    private KqlSyntaxException syntaxError() {
        String found = furthestFailure < input.length()
                ? "\"" + input.charAt(furthestFailure) + "\""
                : "end of input";
        return new KqlSyntaxException(input, furthestFailure, List.copyOf(expectedAtFurthest), found);
    }
}
